// The scan configuration file (`rampart scan --config rampart.yml`): which checks run and their options.
// Parsed at the edge; every mistake is an InputFileError naming the file (and the line when YAML knows it).
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { closestRegion, partitionWithRegion } from '../aws/regions.ts';
import type { Check } from '../checks/define.ts';
import type { DeniedRegion } from '../checks/helpers/region-closure.ts';
import { InputFileError } from './errors.ts';

const configSchema = z
  .object({
    checks: z
      .object({
        /** Only run these check ids. */
        only: z.array(z.string()).optional(),
        /** Never run these check ids. */
        skip: z.array(z.string()).optional(),
        /** Per-check options, merged over the check's defaults. */
        options: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
      })
      .strict()
      .optional(),
    regions: z
      .object({
        /**
         * Regions closed on purpose (e.g. by an SCP this scan cannot read): where their data cannot be read, their
         * checks are not_applicable naming this line instead of error.
         */
        denied: z.array(z.string()).optional(),
      })
      .strict()
      .optional(),
    /**
     * Organization scans (`--org`): the role to assume in members and its ExternalId, and whether to audit member root
     * credentials through STS AssumeRoot sessions (`--assume-root`); flags win over these.
     */
    org: z.object({ roleName: z.string().min(1).optional(), externalId: z.string().min(1).optional(), assumeRoot: z.boolean().optional() }).strict().optional(),
  })
  .strict();

export interface ScanConfig {
  only?: string[];
  skip?: string[];
  checkOptions: Record<string, Record<string, unknown>>;
  /** regions.denied, each with the file and line that says so. */
  deniedRegions: DeniedRegion[];
  org?: { roleName?: string; externalId?: string; assumeRoot?: boolean };
}

/** The kind of value an option takes, from its default (null defaults take a string). */
function kindOf(value: unknown): 'number' | 'string' | 'boolean' | 'string[]' | 'other' {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string' || value === null) return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'string[]';
  return 'other';
}

function matchesKind(value: unknown, kind: ReturnType<typeof kindOf>): boolean {
  switch (kind) {
    case 'number':
      // every numeric option is a number of days or a count: a negative one is a mistake, not a setting
      return typeof value === 'number' && Number.isFinite(value) && value >= 0;
    case 'string':
      return typeof value === 'string' || value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    default:
      return true;
  }
}

/** Validate a parsed config against the registered checks (ids exist, option names and types are right). */
export function validateConfig(raw: unknown, checks: readonly Check[], file: string, lineOf: (path: string[]) => number | undefined = () => undefined): ScanConfig {
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String);
    const line = lineOf(path);
    throw new InputFileError(file, `${path.join('.') || '(top level)'}: ${issue.message}`, line === undefined ? {} : { line });
  }
  const byId = new Map(checks.map((c) => [c.meta.id, c]));
  const unknownId = (id: string, path: string[]) => {
    const line = lineOf(path);
    return new InputFileError(file, `unknown check id "${id}"`, { hint: 'Run `rampart checks` to list the check ids.', ...(line === undefined ? {} : { line }) });
  };
  const section = parsed.data.checks ?? {};
  for (const [key, list] of [['only', section.only], ['skip', section.skip]] as const) {
    list?.forEach((id, i) => {
      if (!byId.has(id)) throw unknownId(id, ['checks', key, String(i)]);
    });
  }
  const checkOptions: Record<string, Record<string, unknown>> = {};
  for (const [id, options] of Object.entries(section.options ?? {})) {
    const check = byId.get(id);
    if (!check) throw unknownId(id, ['checks', 'options', id]);
    const defaults = check.defaultOptions as Record<string, unknown>;
    for (const [name, value] of Object.entries(options)) {
      const where = ['checks', 'options', id, name];
      const line = lineOf(where);
      const at = line === undefined ? {} : { line };
      if (!(name in defaults)) {
        const known = Object.keys(defaults);
        throw new InputFileError(file, `check ${id} has no option "${name}"`, {
          hint: known.length > 0 ? `Its options: ${known.join(', ')}.` : 'It takes no options.',
          ...at,
        });
      }
      const kind = kindOf(defaults[name]);
      const expected = kind === 'number' ? 'number of 0 or more' : kind;
      if (!matchesKind(value, kind)) throw new InputFileError(file, `option ${id}.${name} must be a ${expected} (got ${JSON.stringify(value)})`, at);
    }
    const problems = check.optionProblems?.({ ...defaults, ...options }) ?? [];
    if (problems.length > 0) {
      const line = lineOf(['checks', 'options', id]);
      throw new InputFileError(file, `options of ${id}: ${problems.join('; ')}`, line === undefined ? {} : { line });
    }
    checkOptions[id] = options;
  }
  const deniedRegions = (parsed.data.regions?.denied ?? []).map((region, i): DeniedRegion => {
    const line = lineOf(['regions', 'denied', String(i)]);
    if (partitionWithRegion(region) === undefined) {
      throw new InputFileError(file, `regions.denied: "${region}" is not an AWS Region; did you mean ${closestRegion(region)}?`, line === undefined ? {} : { line });
    }
    return { region, source: `${file}${line === undefined ? '' : `:${line}`}` };
  });
  return {
    ...(section.only ? { only: section.only } : {}),
    ...(section.skip ? { skip: section.skip } : {}),
    checkOptions,
    deniedRegions,
    ...(parsed.data.org ? { org: parsed.data.org } : {}),
  };
}

/** Read and validate a config file (YAML or JSON). */
export async function loadConfig(file: string, checks: readonly Check[]): Promise<ScanConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputFileError(file, `cannot read config: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const doc = parseDocument(text, { prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    // `pos` is the error's offset in the text (linePos is only filled in with prettyErrors, which reformats the message)
    const before = text.slice(0, yamlError.pos[0]).split('\n');
    throw new InputFileError(file, `invalid YAML: ${yamlError.message.split('\n')[0]}`, {
      line: before.length,
      column: (before.at(-1)?.length ?? 0) + 1,
    });
  }
  const lineOf = (path: string[]): number | undefined => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    return text.slice(0, offset).split('\n').length;
  };
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (e) {
    // the yaml library refuses alias bombs ("billion laughs") only here, with a ReferenceError
    throw new InputFileError(file, `invalid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  return validateConfig(raw, checks, file, lineOf);
}
