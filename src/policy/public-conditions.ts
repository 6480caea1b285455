// The condition keys that, pinned to fixed values, make a grant to "*" non-public — S3's published list
// ("The meaning of public") plus the principal keys IAM Access Analyzer also treats as trust boundaries.
import { isNarrowSourceIp } from './cidr.ts';
import { conditionEntries, keyIs, pinsToFixedValues } from './conditions.ts';
import type { ConditionEntry } from './conditions.ts';
import { isFixedValue } from './glob.ts';
import type { PolicyStatement } from './parse.ts';

/** Keys whose fixed value names who or where the caller is; lower case. */
export const RESTRICTING_KEYS: readonly string[] = [
  'aws:principalorgid',
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
];

const IP_OPERATORS: ReadonlySet<string> = new Set(['ipaddress']);

/** The first condition entry that keeps the statement from being public, or undefined. */
export function restrictingCondition(st: PolicyStatement): ConditionEntry | undefined {
  return conditionEntries(st).find(isRestricting);
}

export function isRestricting(entry: ConditionEntry): boolean {
  const key = entry.key.toLowerCase();
  if (!RESTRICTING_KEYS.includes(key)) return false;
  if (key === 'aws:sourceip') return pinsToFixedValues(entry, isNarrowSourceIp, IP_OPERATORS);
  if (keyIs(entry, 'aws:userid')) return pinsToFixedValues(entry, isFixedUserId);
  if (keyIs(entry, 's3:DataAccessPointArn')) return pinsToFixedValues(entry, isFixedAccessPointArn);
  return pinsToFixedValues(entry);
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
