// The Finding model: one verdict of one check on one resource, with what a human needs to act on it.
import type { CollectError } from '../inventory/collected.ts';

/**
 * `warn`: the catalog's WARN verdict — a weaker finding than `fail` (e.g. root used within the year, a root-deny SCP
 * written with NotAction). Reports show it apart, and it only changes the exit code with `--fail-on-warn`.
 */
export const statuses = ['pass', 'warn', 'fail', 'error', 'not_applicable'] as const;
export type Status = (typeof statuses)[number];

export const severities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

export function severityRank(s: Severity): number {
  return severities.indexOf(s);
}

export function isSeverity(s: string): s is Severity {
  return (severities as readonly string[]).includes(s);
}

export interface ResourceRef {
  /** e.g. AwsAccount, AwsIamUser, AwsS3Bucket, AwsEc2SecurityGroup, AwsCloudTrailTrail, AwsRegion */
  type: string;
  /** A stable identifier people recognise: user name, bucket name, sg-…, region name, account id. */
  id: string;
  arn?: string;
}

/** What a check returns for one resource. */
export interface CheckResult {
  status: Status;
  resource: ResourceRef;
  /** Plain and specific: what is wrong (or right) on which resource. */
  message: string;
  /** The Region this result is about; absent for global resources. */
  region?: string;
  /** Overrides the check's default severity for this result (e.g. >90 days stale → high). */
  severity?: Severity;
  /** The facts the verdict rests on (no secret values). */
  evidence?: Record<string, unknown>;
  /** For status `error`: the collection failure that prevented a verdict. */
  error?: CollectError;
  /** Parts of the check's remediation replaced for this resource (e.g. the user-policy commands for a user's inline policy). */
  remediation?: Partial<Remediation>;
  /**
   * Values this result knows for the `<placeholder>`s of the remediation (`{ user: 'alice', region: 'eu-west-1' }`
   * fills `<user>` and `<region>`), so the finding carries commands that can be run as they are.
   */
  remediationValues?: Record<string, string>;
}

export interface Remediation {
  text: string;
  cli?: string;
  terraform?: string;
}

export interface Compliance {
  /** CIS AWS Foundations Benchmark v3.0 control numbers */
  cisAws3?: string[];
  prowler?: string[];
  /** Source guides (shared/sources prefixes 000–004) */
  sources: string[];
}

/** A CheckResult placed in context: which check, which account, how severe, how to fix. */
export interface Finding extends CheckResult {
  checkId: string;
  title: string;
  severity: Severity;
  accountId: string;
  /** In an organization scan: the account's OU path from the root, e.g. `Root/Workloads/Prod`. */
  ouPath?: string;
  remediation: Remediation;
  compliance: Compliance;
  /**
   * Set by the mute step (src/findings/mute.ts): a mutelist entry (`entry` = file:line) or the Exception OU
   * (`exempt`). Muted findings stay in every report and never count towards --fail-on.
   */
  muted?: { reason: string; expires?: string; owner?: string; entry?: string; exempt?: boolean };
}
