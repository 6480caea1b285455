// The condition keys that, pinned to fixed values, make a grant to "*" non-public — S3's published list
// ("The meaning of public") plus the principal keys IAM Access Analyzer also treats as trust boundaries
// (aws:Principal*, and kms:CallerAccount, which names the caller's account on KMS keys).
// The same keys, negated in a Deny (`StringNotEquals aws:PrincipalOrgID`), narrow an open Allow to those values.
import { isNarrowSourceIp } from './cidr.ts';
import { conditionEntries, pinsToFixedValues } from './conditions.ts';
import type { ConditionEntry } from './conditions.ts';
import { isFixedValue } from './glob.ts';
import type { PolicyStatement } from './parse.ts';

/** Keys whose fixed value names who or where the caller is; lower case. */
export const RESTRICTING_KEYS: readonly string[] = [
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:userid',
  'aws:sourceip',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
  // KMS's own name for the caller's account (the key policies AWS writes for its managed keys pin it with kms:ViaService)
  'kms:calleraccount',
];

const IP_OPERATORS: ReadonlySet<string> = new Set(['ipaddress']);
const NEGATED_IP_OPERATORS: ReadonlySet<string> = new Set(['notipaddress']);
const NEGATED_OPERATORS: ReadonlySet<string> = new Set([
  'stringnotequals',
  'stringnotequalsignorecase',
  'stringnotlike',
  'arnnotequals',
  'arnnotlike',
]);

/** The first condition entry that keeps the statement from being public, or undefined. */
export function restrictingCondition(st: PolicyStatement): ConditionEntry | undefined {
  return conditionEntries(st).find(isRestricting);
}

/** A positive match of a restricting key against values that are all fixed (for that key). */
export function isRestricting(entry: ConditionEntry): boolean {
  const fixed = restrictingValueTest(entry.key);
  if (fixed === undefined) return false;
  return pinsToFixedValues(entry, fixed, isSourceIp(entry) ? IP_OPERATORS : undefined);
}

/**
 * A Deny entry that is true for every caller outside a fixed set: a negated operator on a restricting key
 * with fixed values (`StringNotEquals aws:PrincipalOrgID o-…`, `NotIpAddress aws:SourceIp 10.0.0.0/8`). The
 * Deny then leaves the Allow only to callers inside that set. `…IfExists` is fine here (an absent key makes
 * the Deny apply, anonymous callers included); a set qualifier is not proved and does not count.
 */
export function isNarrowingDenyEntry(entry: ConditionEntry): boolean {
  const fixed = restrictingValueTest(entry.key);
  if (fixed === undefined || entry.set !== undefined) return false;
  const operators = isSourceIp(entry) ? NEGATED_IP_OPERATORS : NEGATED_OPERATORS;
  return operators.has(entry.base) && entry.values.length > 0 && entry.values.every(fixed);
}

function isSourceIp(entry: ConditionEntry): boolean {
  return entry.key.toLowerCase() === 'aws:sourceip';
}

/** What "fixed" means for the key's values, or undefined when the key does not restrict who or where. */
function restrictingValueTest(key: string): ((value: string) => boolean) | undefined {
  const k = key.toLowerCase();
  if (!RESTRICTING_KEYS.includes(k)) return undefined;
  if (k === 'aws:sourceip') return isNarrowSourceIp;
  if (k === 'aws:userid') return isFixedUserId;
  if (k === 's3:dataaccesspointarn') return isFixedAccessPointArn;
  if (k === 'aws:principalorgpaths') return isFixedOrgPath;
  return isFixedValue;
}

// S3: aws:userid is fixed "outside the pattern AROLEID:*" — a role's unique id followed by `:*`
// (any session of one role) still names one role, so that single trailing wildcard is allowed.
function isFixedUserId(v: string): boolean {
  return isFixedValue(v) || /^[A-Za-z0-9]+:\*$/.test(v);
}

// S3: in a bucket policy the access point *name* may be a wildcard as long as the account id is fixed.
function isFixedAccessPointArn(v: string): boolean {
  return isFixedValue(v) || /^arn:[a-z-]+:s3:[a-z0-9-]+:\d{12}:accesspoint\/\*$/.test(v);
}

// aws:PrincipalOrgPaths values are written with wildcards by design (`o-a1b2c3/r-ab12/ou-ab12-11111111/*`):
// a path whose organization id is fixed stays inside that organization, whatever follows.
function isFixedOrgPath(v: string): boolean {
  const literal = v.split(/[*?]/, 1)[0] ?? '';
  return /^o-[a-z0-9]+\//.test(literal) && !literal.includes('${');
}
