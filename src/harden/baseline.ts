// The hardening baseline: what the user wants (Regions, OU layout, which SCP templates, exempt roles, contacts,
// opt-ins for paid and disruptive fixes). Parsed at the edge with zod; the default is the catalog's safe baseline.
import { z } from 'zod';

const accountId = z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id');
const region = z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'expected a Region name such as eu-west-1');
// Exemptions are aws:PrincipalArn patterns (ArnNotLike), so `*` for the account is allowed and expected.
const principalPattern = z.string().regex(/^arn:(aws|aws-[a-z-]+|\*):(iam|sts)::(\d{12}|\*):[^\s]+$/, 'expected an IAM ARN pattern such as arn:aws:iam::*:role/BreakGlass');

const contact = z
  .object({
    name: z.string().min(1),
    title: z.string().min(1),
    emailAddress: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'expected an e-mail address (use a team alias)'),
    phoneNumber: z.string().min(3),
  })
  .strict();
export type BaselineContact = z.infer<typeof contact>;

const passwordPolicy = z
  .object({
    minimumPasswordLength: z.number().int().min(6).max(128).default(14),
    passwordReusePrevention: z.number().int().min(1).max(24).default(24),
    requireSymbols: z.boolean().default(true),
    requireNumbers: z.boolean().default(true),
    requireUppercaseCharacters: z.boolean().default(true),
    requireLowercaseCharacters: z.boolean().default(true),
    allowUsersToChangePassword: z.boolean().default(true),
    /** No forced expiry unless the user asks (controls.md §2). */
    maxPasswordAge: z.number().int().min(1).max(1095).optional(),
  })
  .strict();

const organizationTrail = z
  .object({
    enabled: z.boolean().default(true),
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/, 'expected a trail name (3-128 letters, digits, . _ -)').default('rampart-organization-trail'),
    /** Default: rampart-cloudtrail-<log archive account>-<organization id>; scp.trailBucket when that is set. */
    bucketName: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name').optional(),
    /** Where the trail, bucket and key are created; default regions.identityCenterHome, else the first allowed Region, else us-east-1. */
    homeRegion: region.optional(),
  })
  .strict();

/** Check ids whose fixes may break workloads; each must be listed under `disruptive` to be planned. */
export const DISRUPTIVE_FIXES = ['sg-open-admin-ports', 'ec2-imdsv2-required', 's3-bucket-public', 's3-account-bpa'] as const;
/** Services that cost money; each is planned only when the baseline's `paid` section asks for it. */
export const PAID_SERVICES = ['guardduty', 'guarddutyFeatures', 'securityHub', 'securityHubStandards', 'inspector', 'config', 'macie', 'unusedAccessAnalyzer', 'shieldAdvanced'] as const;
/** Security Hub standards by the path of their ARN (arn:aws:securityhub:<region>::standards/<path>). */
export const SECURITY_HUB_STANDARDS = [
  'aws-foundational-security-best-practices/v/1.0.0',
  'cis-aws-foundations-benchmark/v/3.0.0',
  'cis-aws-foundations-benchmark/v/1.4.0',
  'nist-800-53/v/5.0.0',
  'pci-dss/v/3.2.1',
] as const;
export const INSPECTOR_RESOURCE_TYPES = ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'] as const;
/** GuardDuty protection plans (detector features). */
export const GUARDDUTY_FEATURES = ['S3_DATA_EVENTS', 'EKS_AUDIT_LOGS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'RUNTIME_MONITORING', 'LAMBDA_NETWORK_LOGS'] as const;

export const baselineSchema = z
  .object({
    version: z.literal(1).default(1),
    regions: z
      .object({
        /** The Regions the organization uses. Required for the Region-deny SCP (T3); also where regional defaults go. */
        allowed: z.array(region).min(1).optional(),
        /** IAM Identity Center home Region: must stay allowed by T3. */
        identityCenterHome: region.optional(),
      })
      .strict()
      .default({}),
    principals: z
      .object({
        /** Break-glass roles: exempt from T3–T7 so an incident can still be handled. */
        breakGlass: z.array(principalPattern).default([]),
        /** Security audit / automation roles: exempt from T3–T7 so the tools can keep the baseline in place. */
        audit: z.array(principalPattern).default([]),
      })
      .strict()
      .default({ breakGlass: [], audit: [] }),
    /** The role apply assumes in member accounts (created by CreateAccount in every new member). */
    memberAccessRole: z.string().regex(/^[\w+=,.@/-]+$/).default('OrganizationAccountAccessRole'),
    organization: z
      .object({
        /** Top-level OUs to create when missing (controls.md §4.1). Empty list: do not touch the layout. */
        ous: z.array(z.string().min(1).max(128)).default(['Security', 'Infrastructure', 'Workloads', 'Exceptions', 'Suspended', 'Sandbox']),
        exceptionOu: z.string().default('Exceptions'),
        suspendedOu: z.string().default('Suspended'),
        /** The Log Archive and Security Audit accounts (manual steps name them; delegated admins go to securityAudit). */
        logArchiveAccount: accountId.optional(),
        securityAuditAccount: accountId.optional(),
        /** The organization trail, its bucket and KMS key in the Log Archive account (planned once logArchiveAccount is named). */
        trail: organizationTrail.default(organizationTrail.parse({})),
        /**
         * Delegate Access Analyzer and Config administration (and GuardDuty / Security Hub when their `paid` switch is
         * on) to securityAuditAccount, and create the organization Access Analyzer there.
         */
        delegateSecurityServices: z.boolean().default(true),
      })
      .strict()
      .default({
        ous: ['Security', 'Infrastructure', 'Workloads', 'Exceptions', 'Suspended', 'Sandbox'],
        exceptionOu: 'Exceptions',
        suspendedOu: 'Suspended',
        trail: organizationTrail.parse({}),
        delegateSecurityServices: true,
      }),
    scp: z
      .object({
        denyLeaveOrganization: z.boolean().default(true),
        denyRootUser: z.boolean().default(true),
        /** T3: off by default (it needs `regions.allowed` and can break workloads in other Regions). */
        regionDeny: z.boolean().default(false),
        protectCloudTrail: z.boolean().default(true),
        protectSecurityServices: z.boolean().default(true),
        protectAccountDefaults: z.boolean().default(true),
        /** T7 on the Suspended OU. */
        suspendedOuDenyAll: z.boolean().default(true),
        /** Global actions added to T3's NotAction list (the catalog's 42 entries always stay). */
        extraGlobalActions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*?]+$/, 'expected service:Action')).default([]),
        /** The organization trail's bucket, protected by T4's second statement when given. */
        trailBucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/).optional(),
      })
      .strict()
      .default({
        denyLeaveOrganization: true,
        denyRootUser: true,
        regionDeny: false,
        protectCloudTrail: true,
        protectSecurityServices: true,
        protectAccountDefaults: true,
        suspendedOuDenyAll: true,
        extraGlobalActions: [],
      }),
    accountDefaults: z
      .object({
        s3BlockPublicAccess: z.boolean().default(true),
        /** The one account allowed to serve public content (seed 003): no account-level BPA there. */
        publicContentAccount: accountId.optional(),
        ebsEncryptionByDefault: z.boolean().default(true),
        kmsKeyRotation: z.boolean().default(true),
        trailLogFileValidation: z.boolean().default(true),
        accessAnalyzer: z.boolean().default(true),
        passwordPolicy: z.union([z.literal(false), passwordPolicy]).default(passwordPolicy.parse({})),
      })
      .strict()
      .default({
        s3BlockPublicAccess: true,
        ebsEncryptionByDefault: true,
        kmsKeyRotation: true,
        trailLogFileValidation: true,
        accessAnalyzer: true,
        passwordPolicy: passwordPolicy.parse({}),
      }),
    contacts: z
      .object({ security: contact.optional(), billing: contact.optional(), operations: contact.optional() })
      .strict()
      .default({}),
    /** Paid services: planned only when true, always with a cost note. */
    paid: z
      .object({
        guardduty: z.boolean().default(false),
        securityHub: z.boolean().default(false),
        /** GuardDuty protection plans to turn on for every detector (needs guardduty: true). */
        guarddutyFeatures: z.array(z.enum(GUARDDUTY_FEATURES)).default([]),
        /** Standards to subscribe to in every scanned Region (needs securityHub: true). */
        securityHubStandards: z.array(z.enum(SECURITY_HUB_STANDARDS)).default([]),
        /** Amazon Inspector scan types to turn on in every scanned Region. */
        inspector: z.array(z.enum(INSPECTOR_RESOURCE_TYPES)).default([]),
        /** AWS Config recording in every scanned Region, delivering to this bucket (its policy must let Config write). */
        config: z
          .union([z.literal(false), z.object({ bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name'), homeRegion: region.optional() }).strict()])
          .default(false),
        macie: z.boolean().default(false),
        /** An unused-access analyzer per account, in one Region (IAM is global). */
        unusedAccessAnalyzer: z.boolean().default(false),
        unusedAccessAge: z.number().int().min(1).max(365).default(90),
        /** Shield Advanced: a subscription with a one-year commitment, always a manual step. */
        shieldAdvanced: z.boolean().default(false),
      })
      .strict()
      .default({ guardduty: false, securityHub: false, guarddutyFeatures: [], securityHubStandards: [], inspector: [], config: false, macie: false, unusedAccessAnalyzer: false, unusedAccessAge: 90, shieldAdvanced: false }),
    /** Check ids whose fix may break workloads and that you accept to have planned. */
    disruptive: z.array(z.enum(DISRUPTIVE_FIXES)).default([]),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.scp.regionDeny && !b.regions.allowed) {
      ctx.addIssue({ code: 'custom', path: ['scp', 'regionDeny'], message: 'the Region-deny SCP (T3) needs regions.allowed' });
    }
    // A Region deny with no human way around it turns a Region outage or a mistake into a lock-out.
    if (b.scp.regionDeny && b.principals.breakGlass.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['principals', 'breakGlass'],
        message: 'the Region-deny SCP (T3) needs at least one break-glass role to exempt (principals.breakGlass)',
      });
    }
    if (b.paid.guarddutyFeatures.length > 0 && !b.paid.guardduty) {
      ctx.addIssue({ code: 'custom', path: ['paid', 'guarddutyFeatures'], message: 'GuardDuty protection plans need GuardDuty: set paid.guardduty: true as well' });
    }
    if (b.paid.securityHubStandards.length > 0 && !b.paid.securityHub) {
      ctx.addIssue({ code: 'custom', path: ['paid', 'securityHubStandards'], message: 'Security Hub standards need Security Hub: set paid.securityHub: true as well' });
    }
    const home = b.regions.identityCenterHome;
    if (b.scp.regionDeny && home && b.regions.allowed && !b.regions.allowed.includes(home)) {
      ctx.addIssue({ code: 'custom', path: ['regions', 'identityCenterHome'], message: `the IAM Identity Center home Region ${home} must be in regions.allowed, or T3 locks everyone out of Identity Center` });
    }
  });

export type Baseline = z.infer<typeof baselineSchema>;

/**
 * The catalog's default baseline: only safe actions. Account-wide defaults, the deny-leave/deny-root and protection
 * SCPs, the OU layout and T7 on the (new, empty) Suspended OU; no Region deny, no paid service, nothing disruptive.
 */
export function defaultBaseline(): Baseline {
  return baselineSchema.parse({});
}

/** The role apply acts through in member accounts, as an aws:PrincipalArn pattern. */
export function automationRolePattern(b: Baseline): string {
  return `arn:aws:iam::*:role/${b.memberAccessRole}`;
}

/**
 * Every principal pattern T3–T7 exempt: break-glass, audit, and the automation role apply uses in members (without
 * it, T6 would deny the tool the very calls that keep the defaults in place, and rollback could not run).
 */
export function exemptPrincipals(b: Baseline): string[] {
  return [...new Set([...b.principals.breakGlass, ...b.principals.audit, automationRolePattern(b)])];
}
