// "Does this bucket policy refuse requests that are not sent over TLS?" (s3-ssl-only): a Deny to everyone of every
// S3 action on the bucket and its objects, conditioned only on the request being insecure.
import { actionPatternCovers } from './actions.ts';
import { conditionEntries, type ConditionEntry } from './conditions.ts';
import { globCovers } from './glob.ts';
import type { PolicyDocument, PolicyStatement } from './parse.ts';
import { principalIsEveryone } from './principals.ts';

/** Lowest TLS version a `NumericLessThan s3:TlsVersion` Deny must refuse below for it to count (TLS 1.2, the modern minimum). */
export const MIN_TLS_VERSION = 1.2;

export interface TransportDenyAnalysis {
  /** The Deny statements that refuse insecure requests (index, sid, and which condition). */
  statements: Array<{ index: number; sid?: string; condition: string; coversBucket: boolean; coversObjects: boolean }>;
  /** The bucket ARN itself (bucket-level calls such as ListBucket) is covered by one of them. */
  coversBucket: boolean;
  /** `<bucket ARN>/*` (every object) is covered by one of them. */
  coversObjects: boolean;
}

/**
 * The condition is true exactly for insecure requests: `Bool aws:SecureTransport "false"` (IfExists allowed: it
 * only widens a Deny), or `NumericLessThan s3:TlsVersion` with a threshold of at least MIN_TLS_VERSION. A set
 * qualifier or several values make the test unclear, so they do not count.
 */
function insecureTransportEntry(e: ConditionEntry): string | undefined {
  if (e.set !== undefined || e.values.length !== 1) return undefined;
  const value = e.values[0] ?? '';
  const key = e.key.toLowerCase();
  if (e.base === 'bool' && key === 'aws:securetransport' && value.toLowerCase() === 'false') return `${e.operator} aws:SecureTransport = false`;
  if (e.base === 'numericlessthan' && key === 's3:tlsversion' && Number(value) >= MIN_TLS_VERSION) return `${e.operator} s3:TlsVersion < ${value}`;
  return undefined;
}

/**
 * A Deny counts only when every condition entry is the insecure-transport test (any other entry would narrow it to
 * some requests), its principal is everyone (`"*"` or `AWS "*"`), and its Action covers `s3:*`.
 */
function transportDeny(st: PolicyStatement): string | undefined {
  if (st.effect !== 'Deny' || st.notPrincipal !== undefined || !principalIsEveryone(st)) return undefined;
  if (st.action === undefined || !st.action.some((a) => actionPatternCovers(a, 's3:*'))) return undefined;
  if (st.resource === undefined) return undefined;
  const entries = conditionEntries(st);
  if (entries.length !== 1 || entries[0] === undefined) return undefined;
  return insecureTransportEntry(entries[0]);
}

// ARNs are case-sensitive.
function covers(resources: string[], arn: string): boolean {
  return resources.some((r) => globCovers(r, arn, false));
}

export function analyzeTransportDenies(doc: PolicyDocument, bucketArn: string): TransportDenyAnalysis {
  const statements: TransportDenyAnalysis['statements'] = [];
  doc.statements.forEach((st, index) => {
    const condition = transportDeny(st);
    if (condition === undefined) return;
    const resources = st.resource ?? [];
    const entry = { index, condition, coversBucket: covers(resources, bucketArn), coversObjects: covers(resources, `${bucketArn}/*`) };
    if (!entry.coversBucket && !entry.coversObjects) return;
    statements.push(st.sid === undefined ? entry : { ...entry, sid: st.sid });
  });
  return {
    statements,
    coversBucket: statements.some((s) => s.coversBucket),
    coversObjects: statements.some((s) => s.coversObjects),
  };
}
