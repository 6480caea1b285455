// Finds and loads rule files: the built-in set shipped in <project>/rules/builtin and user dirs/files.
// Duplicate ids across files and empty user directories are errors, never silent.

import { readdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRuleText } from './parse.ts';
import { RuleLoadError, type DetectionRule } from './types.ts';

/** Walk up from this module to the directory holding package.json (works from src/ and dist/src/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
    dir = parent;
  }
}

export const builtinRulesDir: string = join(projectRoot(), 'rules', 'builtin');

const ruleFile = /\.ya?ml$/i;

async function ruleFilesIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await ruleFilesIn(full)));
    else if (e.isFile() && ruleFile.test(e.name)) out.push(full);
  }
  return out;
}

export interface LoadRulesOptions {
  dirs?: string[];
  files?: string[];
  includeBuiltin?: boolean;
  vars?: Record<string, string[]>;
}

export async function loadRules(opts: LoadRulesOptions): Promise<DetectionRule[]> {
  const files: string[] = [];
  if (opts.includeBuiltin) {
    if (existsSync(builtinRulesDir)) files.push(...(await ruleFilesIn(builtinRulesDir)));
  }
  for (const dir of opts.dirs ?? []) {
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) throw new RuleLoadError(dir, 'rules directory not found');
    const found = await ruleFilesIn(dir);
    if (found.length === 0) {
      throw new RuleLoadError(dir, 'no rule files (*.yml, *.yaml) in this directory', { hint: 'check the path passed to --rules' });
    }
    files.push(...found);
  }
  files.push(...(opts.files ?? []));

  const rules: DetectionRule[] = [];
  const byId = new Map<string, DetectionRule>();
  const seenFiles = new Set<string>();
  for (const file of files) {
    const abs = resolve(file);
    if (seenFiles.has(abs)) continue;
    seenFiles.add(abs);
    const text = await readFile(file, 'utf8').catch((e: unknown) => {
      throw new RuleLoadError(file, `cannot read rule file: ${(e as Error).message}`, { cause: e });
    });
    const rule = parseRuleText(text, file, opts.vars === undefined ? {} : { vars: opts.vars });
    const other = byId.get(rule.id);
    if (other) {
      throw new RuleLoadError(file, `duplicate rule id "${rule.id}", also defined in ${other.file}:${other.line}`, {
        line: rule.line,
      });
    }
    byId.set(rule.id, rule);
    rules.push(rule);
  }
  return rules;
}
