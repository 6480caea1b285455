// The mutelist file (`--mutelist mutes.yml`): accepted risks, each entry matching findings by check, account, OU,
// Region, resource and tags, with a required reason and an optional owner and expiry. Parsed and validated at the
// edge (zod); every mistake is an InputFileError with the file and line. Matching lives in mute.ts.
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { InputFileError } from '../core/errors.ts';

/** A string is a glob (`*` any run, `?` one character); `/…/` or `/…/i` is a regular expression. */
export type Pattern = { kind: 'glob'; source: string } | { kind: 'regex'; source: string; re: RegExp };

export interface MuteEntry {
  /** 1-based line of the entry in the file, for warnings. */
  line: number;
  check?: Pattern[];
  account?: Pattern[];
  ou?: Pattern[];
  region?: Pattern[];
  resource?: Pattern[];
  tags?: Record<string, Pattern[]>;
  reason: string;
  owner?: string;
  /** YYYY-MM-DD: the entry mutes up to the end of that day (UTC). */
  expires?: string;
}

export interface Mutelist {
  file: string;
  entries: MuteEntry[];
}

const patterns = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const date = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)), 'expected a date YYYY-MM-DD');

const entrySchema = z
  .object({
    check: patterns.optional(),
    account: z.union([patterns, z.number(), z.array(z.union([z.string(), z.number()]))]).optional(),
    ou: patterns.optional(),
    region: patterns.optional(),
    resource: patterns.optional(),
    tags: z.record(z.string(), patterns).optional(),
    reason: z.string({ error: 'every entry needs a reason (why the risk is accepted)' }).trim().min(1, 'reason must not be empty'),
    owner: z.string().min(1).optional(),
    expires: date.optional(),
  })
  .strict()
  .refine((e) => e.check || e.account || e.ou || e.region || e.resource || e.tags, 'an entry must match on at least one of check, account, ou, region, resource, tags');

const fileSchema = z.object({ mutes: z.array(entrySchema) }).strict();

function toPatterns(value: string | number | Array<string | number>, where: () => Error): Pattern[] {
  return (Array.isArray(value) ? value : [value]).map((v) => {
    // YAML reads an unquoted account id as a number, dropping leading zeros; account ids have 12 digits
    const s = typeof v === 'number' ? String(v).padStart(12, '0') : v;
    const m = /^\/(.+)\/(i?)$/s.exec(s);
    if (!m) return { kind: 'glob', source: s };
    try {
      return { kind: 'regex', source: s, re: new RegExp(m[1]!, m[2]) };
    } catch (e) {
      const err = where();
      err.message += `: invalid regular expression ${s} (${(e as Error).message})`;
      throw err;
    }
  });
}

/** Parse mutelist YAML text; `file` names it in errors. */
export function parseMutelist(text: string, file: string): Mutelist {
  const doc = parseDocument(text, { prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    // some errors (an unclosed flow sequence) carry only an offset, not a line
    const line = yamlError.linePos?.[0]?.line ?? text.slice(0, yamlError.pos[0]).split('\n').length;
    throw new InputFileError(file, `invalid YAML: ${yamlError.message.split('\n')[0]}`, { line });
  }
  const lineOf = (path: Array<string | number>): number | undefined => {
    for (let p = path; p.length > 0; p = p.slice(0, -1)) {
      const node = doc.getIn(p, true) as { range?: [number, number, number] } | undefined;
      const offset = node?.range?.[0];
      if (offset !== undefined) return text.slice(0, offset).split('\n').length;
    }
    return undefined;
  };
  const raw = doc.toJS() ?? { mutes: [] };
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
    const line = lineOf(path);
    const at = path.length > 0 ? `${path.join('.')}: ` : '';
    throw new InputFileError(file, `${at}${issue.message}`, { hint: 'See docs/mutelist.md for the format.', ...(line === undefined ? {} : { line }) });
  }
  const entries = parsed.data.mutes.map((e, i): MuteEntry => {
    const line = lineOf(['mutes', i]) ?? 0;
    const where = (key: string) => () => new InputFileError(file, `mutes.${i}.${key}`, { line: lineOf(['mutes', i, key]) ?? line });
    const tags = e.tags ? Object.fromEntries(Object.entries(e.tags).map(([k, v]) => [k, toPatterns(v, where(`tags.${k}`))])) : undefined;
    return {
      line,
      ...(e.check ? { check: toPatterns(e.check, where('check')) } : {}),
      ...(e.account !== undefined ? { account: toPatterns(e.account, where('account')) } : {}),
      ...(e.ou ? { ou: toPatterns(e.ou, where('ou')) } : {}),
      ...(e.region ? { region: toPatterns(e.region, where('region')) } : {}),
      ...(e.resource ? { resource: toPatterns(e.resource, where('resource')) } : {}),
      ...(tags ? { tags } : {}),
      reason: e.reason,
      ...(e.owner ? { owner: e.owner } : {}),
      ...(e.expires ? { expires: e.expires } : {}),
    };
  });
  return { file, entries };
}

export async function loadMutelist(file: string): Promise<Mutelist> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputFileError(file, `cannot read mutelist: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseMutelist(text, file);
}
