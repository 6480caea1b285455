// The Plan document (`rampart harden plan --format json`): stable, versioned, and the input of apply and export.
// One zod schema is both the type and the parser, so a hand-edited or stale plan file is rejected at the edge.
import { z } from 'zod';

export const PLAN_KIND = 'rampart.plan';
export const PLAN_VERSION = 1;

export const risks = ['safe', 'disruptive', 'paid', 'destructive'] as const;
export type Risk = (typeof risks)[number];

export const actionKinds = [
  'org.enable-scp-type',
  'org.create-ou',
  'org.scp',
  'iam.password-policy',
  's3.account-bpa',
  's3.bucket-bpa',
  'ec2.ebs-encryption-default',
  'ec2.revoke-open-ingress',
  'ec2.instance-imdsv2',
  'kms.key-rotation',
  'cloudtrail.log-validation',
  'account.alternate-contact',
  'accessanalyzer.analyzer',
  'guardduty.detector',
  'securityhub.hub',
  'org.service-access',
  'org.delegated-admin',
  'org.guardduty-admin',
  'org.securityhub-admin',
  'org.access-analyzer',
  'org.trail-bucket',
  'org.trail-key',
  'org.trail',
  'securityhub.standards',
  'inspector2.enable',
  'macie.enable',
  'accessanalyzer.unused-access',
  'guardduty.features',
  'config.recorder',
] as const;
export type ActionKind = (typeof actionKinds)[number];

const accountId = z.string().regex(/^\d{12}$/);

/**
 * A parameter value that apply resolves at run time: the output of an earlier call of the same action, or the id
 * of an OU (by name under a parent) that an earlier action of the plan creates.
 */
export const paramRefSchema = z.union([
  z.object({ $output: z.tuple([z.number().int().min(0), z.array(z.string())]) }).strict(),
  z.object({ $ouId: z.object({ name: z.string(), parentId: z.string() }).strict() }).strict(),
]);
export type ParamRef = z.infer<typeof paramRefSchema>;

export const apiCallSchema = z
  .object({
    /** SDK client short name as in controls.md: organizations, iam, s3control, ec2, kms, cloudtrail, account, … */
    service: z.string(),
    /** SDK command name without the `Command` suffix. */
    operation: z.string(),
    params: z.record(z.string(), z.unknown()),
  })
  .strict();
export type ApiCall = z.infer<typeof apiCallSchema>;

export const findingRefSchema = z
  .object({ checkId: z.string(), accountId, region: z.string().nullable(), resource: z.string() })
  .strict();
export type FindingRef = z.infer<typeof findingRefSchema>;

export const actionSchema = z
  .object({
    /** Stable within a plan: `<kind>/<account>/<region or global>/<target>`. */
    id: z.string(),
    kind: z.enum(actionKinds),
    title: z.string(),
    accountId,
    /** null for global services (IAM, Organizations, S3 Control, Account). */
    region: z.string().nullable(),
    risk: z.enum(risks),
    /** Set for paid actions: what it costs and why it is worth it. */
    costNote: z.string().nullable(),
    /** Catalog check ids this action addresses (controls.md §1). */
    checkIds: z.array(z.string()),
    calls: z.array(apiCallSchema).min(1),
    /** IAM actions the applying principal needs (apply and rollback). */
    permissions: z.array(z.string()),
    /** The state the action changes from, as the snapshot recorded it (null can be a value: "no policy"). */
    before: z.unknown(),
    /** false when the snapshot does not hold the state: apply then reads it live and skips the drift check. */
    beforeKnown: z.boolean(),
    /** The state after the action, in the same shape: apply compares the live state with both. */
    after: z.unknown(),
    /** What must still hold when apply runs (apply re-reads the state and checks it). */
    preconditions: z.array(z.string()),
    rollback: z.object({ possible: z.boolean(), how: z.string() }).strict(),
    /** Actions that must be applied first (ids). */
    dependsOn: z.array(z.string()),
    /** Failing findings this action makes pass, proven by re-evaluating the checks on the simulated result. */
    closes: z.array(findingRefSchema),
    /** Action-specific details apply and export need (SCP content and targets, OU name…). */
    details: z.record(z.string(), z.unknown()),
    notes: z.array(z.string()),
  })
  .strict();
export type PlanAction = z.infer<typeof actionSchema>;

export const manualStepSchema = z
  .object({
    checkId: z.string().nullable(),
    accountId: accountId.nullable(),
    title: z.string(),
    instructions: z.string(),
    findings: z.array(findingRefSchema),
  })
  .strict();
export type ManualStep = z.infer<typeof manualStepSchema>;

export const planSchema = z
  .object({
    kind: z.literal(PLAN_KIND),
    schemaVersion: z.literal(PLAN_VERSION),
    tool: z.object({ name: z.string(), version: z.string() }).strict(),
    /** The snapshot the plan was computed from (its collectedAt; the plan reads no clock). */
    basedOn: z
      .object({ collectedAt: z.string(), source: z.string(), accounts: z.array(accountId), callerArn: z.string().nullable() })
      .strict(),
    /** Where the baseline came from, and the settings apply re-checks the guards with. */
    baseline: z.object({ source: z.string(), suspendedOu: z.string(), memberAccessRole: z.string() }).strict(),
    summary: z
      .object({
        actions: z.number().int(),
        byRisk: z.record(z.string(), z.number().int()),
        findingsClosed: z.number().int(),
        manualSteps: z.number().int(),
        blocked: z.number().int(),
      })
      .strict(),
    /** In apply order. */
    actions: z.array(actionSchema),
    manual: z.array(manualStepSchema),
    /** What the baseline asked for but the plan cannot do, and why (quota, missing data, opt-in off). */
    blocked: z.array(z.object({ what: z.string(), reason: z.string() }).strict()),
    warnings: z.array(z.string()),
  })
  .strict();
export type Plan = z.infer<typeof planSchema>;
