// The one secret detector of the catalog (controls.md lambda-env-secrets and the rows that reuse it): the catalog's
// own rules plus secretlint's recommended preset, run in-process on strings. Collectors call it and keep only the
// verdict (variable name, rule ids, location: ./schema.ts), never the value.
import { gunzipSync } from 'node:zlib';
import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretMatch } from './schema.ts';

export type { SecretMatch } from './schema.ts';

/** The detector could not scan a value; its message never quotes the value. */
export class SecretDetectorError extends Error {
  override name = 'SecretDetectorError';
}

export const ENTROPY_MIN_BITS = 4.5;
export const ENTROPY_MIN_LENGTH = 20;

const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
const SECRET_ACCESS_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/;
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/;
const SECRET_NAME = /password|passwd|secret|token|api_key|api-key|apikey/i;
const AWS_SECRET_NAME = /aws.?secret|secret.?access.?key/i;
/** Names that say the value points at a secret rather than holding it (SECRET_ARN, DB_PASSWORD_PARAM, TOKEN_TTL, ApiTokenArn…). */
const REFERENCE_SUFFIXES = ['arn', 'name', 'id', 'path', 'param', 'parameter', 'ref', 'file', 'url', 'uri', 'endpoint', 'ttl', 'type'];
const REFERENCE_NAME = new RegExp(`[_.-](${REFERENCE_SUFFIXES.join('|')})$`, 'i');
const REFERENCE_NAME_CAMEL = new RegExp(`[a-z0-9](${REFERENCE_SUFFIXES.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('|')})$`);

function namesAReference(name: string): boolean {
  return REFERENCE_NAME.test(name) || REFERENCE_NAME_CAMEL.test(name);
}
/** Values that are Secrets Manager / SSM references, which is the recommended way: they pass. */
const REFERENCE_VALUE = [
  /^\{\{resolve:(secretsmanager|ssm|ssm-secure):[^}]+\}\}$/,
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:\S+$/,
  /^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/\S+$/,
  /^(ssm|ssm-secure|secretsmanager):\S+$/,
];
/** Not a literal secret: empty, a flag, a small number, a value AWS masked (NoEcho `****`), or another variable (`$DB_PASSWORD`, `${TOKEN}`). */
const NOT_LITERAL = /^(|true|false|yes|no|on|off|null|none|nil|enabled|disabled|\d{1,6}|\*+|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)$/i;

export function isSecretReference(value: string): boolean {
  const v = value.trim();
  return REFERENCE_VALUE.some((r) => r.test(v));
}

/** Shannon entropy of a string in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function highEntropyToken(token: string): boolean {
  if (token.length < ENTROPY_MIN_LENGTH) return false;
  // ARNs, URLs without credentials and paths are long and varied but are not secrets; references pass
  if (token.startsWith('arn:') || token.startsWith('/') || /^[a-z][a-z0-9+.-]*:\/\/[^@]*$/i.test(token) || isSecretReference(token)) return false;
  return shannonEntropy(token) >= ENTROPY_MIN_BITS;
}

const TOKEN_SPLIT = /[\s"'`;,=&|()<>{}[\]]+/;

/** The catalog's own rules on one value, with its name when it has one. `awsContext`: an access key id is nearby. */
function ownRules(name: string | null, value: string, awsContext: boolean): string[] {
  if (isSecretReference(value)) return [];
  const hits: string[] = [];
  if (ACCESS_KEY_ID.test(value)) hits.push('aws-access-key-id');
  if ((awsContext || (name !== null && AWS_SECRET_NAME.test(name))) && SECRET_ACCESS_KEY.test(value)) hits.push('aws-secret-access-key');
  if (PRIVATE_KEY.test(value)) hits.push('private-key');
  // an ARN is a pointer to something, never a password itself
  if (name !== null && SECRET_NAME.test(name) && !namesAReference(name) && !NOT_LITERAL.test(value.trim()) && !value.trim().startsWith('arn:')) hits.push('secret-name');
  if (value.split(TOKEN_SPLIT).some(highEntropyToken)) hits.push('high-entropy');
  return hits;
}

const secretlintConfig = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }] };

/** secretlint's recommended preset over `content`: the rule id and start offset of every match (values masked, then dropped). */
async function secretlint(content: string): Promise<Array<{ ruleId: string; start: number }>> {
  if (content.trim() === '') return [];
  let result: Awaited<ReturnType<typeof lintSource>>;
  try {
    result = await lintSource({
      source: { content, filePath: 'rampart-config.txt', contentType: 'text' },
      options: { config: secretlintConfig, maskSecrets: true, noPhysicFilePath: true },
    });
  } catch (e) {
    // the original message may quote the scanned text: only the error's name travels on
    throw new SecretDetectorError(`secretlint failed (${e instanceof Error ? e.name : 'error'})`);
  }
  return result.messages.map((m) => ({ ruleId: `secretlint/${m.ruleId.replace(/^@secretlint\/secretlint-rule-/, '')}`, start: m.range[0] }));
}

function merge(matches: SecretMatch[]): SecretMatch[] {
  const byKey = new Map<string, SecretMatch>();
  for (const m of matches) {
    const key = `${m.location}\u0000${m.name ?? ''}`;
    const prior = byKey.get(key);
    byKey.set(key, prior ? { ...prior, ruleIds: [...new Set([...prior.ruleIds, ...m.ruleIds])].sort() } : { ...m, ruleIds: [...new Set(m.ruleIds)].sort() });
  }
  return [...byKey.values()];
}

/** A name is kept only when it looks like an identifier and is not itself a secret. */
function safeName(name: string): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/.test(name)) return null;
  return ACCESS_KEY_ID.test(name) || highEntropyToken(name) ? null : name;
}

/**
 * Named values (environment variables, stack parameters and outputs): one match per variable that holds a secret,
 * naming the variable, never its value. A variable whose value is a Secrets Manager / SSM reference passes.
 */
export async function detectInVariables(entries: ReadonlyArray<{ name: string; value: string }>, location: string): Promise<SecretMatch[]> {
  const awsContext = entries.some((e) => !isSecretReference(e.value) && ACCESS_KEY_ID.test(e.value));
  const out: SecretMatch[] = [];
  const offsets: Array<{ start: number; end: number; index: number }> = [];
  let content = '';
  entries.forEach((e, index) => {
    const hits = ownRules(e.name, e.value, awsContext);
    if (hits.length > 0) out.push({ name: e.name, ruleIds: hits, location });
    if (isSecretReference(e.value)) return;
    const line = `${e.name}=${e.value}\n`;
    offsets.push({ start: content.length, end: content.length + line.length, index });
    content += line;
  });
  for (const hit of await secretlint(content)) {
    const at = offsets.find((o) => hit.start >= o.start && hit.start < o.end);
    const entry = at === undefined ? undefined : entries[at.index];
    out.push({ name: entry?.name ?? null, ruleIds: [hit.ruleId], location });
  }
  return merge(out);
}

/** `NAME=value`, `export NAME=value`, `NAME: value` (YAML) → the name and value; null for any other line. */
function assignment(line: string): { name: string; value: string } | null {
  const m = /^\s*(?:export\s+|set\s+|-\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:=|:\s)\s*(.*)$/.exec(line) ?? /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*:$/.exec(line);
  if (!m?.[1]) return null;
  return { name: m[1], value: (m[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2') };
}

/**
 * Free text (user data scripts, cloud-init): one match per line that holds a secret, with the variable it assigns
 * when the line is an assignment, located as `<location> line <n>`.
 */
export async function detectInText(text: string, location: string): Promise<SecretMatch[]> {
  const lines = text.split('\n');
  const awsContext = ACCESS_KEY_ID.test(text);
  const out: SecretMatch[] = [];
  const lineStarts: number[] = [];
  let offset = 0;
  lines.forEach((line, i) => {
    lineStarts.push(offset);
    offset += line.length + 1;
    const a = assignment(line);
    const name = a === null ? null : safeName(a.name);
    const hits = a === null ? ownRules(null, line, awsContext) : [...new Set([...ownRules(name, a.value, awsContext), ...ownRules(null, line, awsContext)])];
    if (hits.length > 0) out.push({ name, ruleIds: hits, location: `${location} line ${i + 1}` });
  });
  for (const hit of await secretlint(text)) {
    let lineIndex = 0;
    while (lineIndex + 1 < lineStarts.length && (lineStarts[lineIndex + 1] ?? Infinity) <= hit.start) lineIndex++;
    const a = assignment(lines[lineIndex] ?? '');
    out.push({ name: a === null ? null : safeName(a.name), ruleIds: [hit.ruleId], location: `${location} line ${lineIndex + 1}` });
  }
  return merge(out);
}

const GZIP = [0x1f, 0x8b];
/** User data is at most 16 KB before encoding; a bomb that inflates past this is not judged. */
const MAX_INFLATED = 1024 * 1024;

function inflateIfGzip(buf: Buffer): Buffer {
  return buf[0] === GZIP[0] && buf[1] === GZIP[1] ? gunzipSync(buf, { maxOutputLength: MAX_INFLATED }) : buf;
}

/**
 * EC2 user data as the API returns it (base64) → the texts to scan: gunzipped when it starts with 1f 8b, and split
 * into its parts when it is a MIME multipart document (cloud-init), each part decoded (base64, gzip) on its own.
 * Throws when the data does not decode (the caller records a ParseError: no verdict on data it could not read).
 */
export function decodeUserData(base64: string): Array<{ label: string; text: string }> {
  const text = inflateIfGzip(Buffer.from(base64, 'base64')).toString('utf8');
  const boundary = /^Content-Type:\s*multipart\/[a-z-]+;[\s\S]*?boundary="?([^"\s;]+)"?/im.exec(text.slice(0, 4096))?.[1];
  if (boundary === undefined) return [{ label: 'user data', text }];
  const parts = text.split(`--${boundary}`).slice(1);
  const out: Array<{ label: string; text: string }> = [];
  parts.forEach((raw, i) => {
    if (raw.startsWith('--')) return; // closing delimiter
    const body = raw.replace(/^\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(body);
    const headers = split === null ? body : body.slice(0, split.index);
    let content = split === null ? '' : body.slice(split.index + split[0].length);
    if (/^Content-Transfer-Encoding:\s*base64/im.test(headers)) content = inflateIfGzip(Buffer.from(content, 'base64')).toString('utf8');
    out.push({ label: `user data part ${i + 1}`, text: content });
  });
  return out;
}

/** Every secret in base64 user data, by part and line. Throws when it does not decode. */
export async function detectInUserData(base64: string): Promise<SecretMatch[]> {
  const out: SecretMatch[] = [];
  for (const part of decodeUserData(base64)) out.push(...(await detectInText(part.text, part.label)));
  return out;
}
