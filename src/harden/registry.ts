// Which builder fixes which catalog check: data, so a new check plugs in with one line here. Checks the catalog
// marks `manual` need no entry: their failing findings become manual steps with the check's remediation.
import type { AccountSnapshot } from '../inventory/snapshot.ts';
import { accountBpaBuilder, contactsBuilder, passwordPolicyBuilder } from './builders/account.ts';
import { bucketBpaBuilder, instanceImdsBuilder, openIngressBuilder } from './builders/disruptive.ts';
import { organizationBuilder } from './builders/organization.ts';
import { organizationServicesBuilder } from './builders/org-services.ts';
import { configRecorderBuilder, inspectorBuilder, macieBuilder, securityHubStandardsBuilder, shieldAdvancedBuilder, unusedAccessBuilder } from './builders/paid.ts';
import {
  accessAnalyzerBuilder,
  ebsEncryptionBuilder,
  guardDutyBuilder,
  guardDutyFeaturesBuilder,
  kmsRotationBuilder,
  securityHubBuilder,
  trailValidationBuilder,
} from './builders/regional.ts';
import type { BuildOutput, PlanContext } from './plan-context.ts';
import type { ActionKind } from './plan-schema.ts';

export interface AccountFixer {
  /** Catalog check ids (controls.md §1) whose findings the builder's actions address. */
  checkIds: string[];
  build(ctx: PlanContext, account: AccountSnapshot): BuildOutput;
}

export interface OrganizationFixer {
  checkIds: string[];
  build(ctx: PlanContext): BuildOutput;
}

/** Per-account builders, in apply order. */
export const accountFixers: readonly AccountFixer[] = [
  { checkIds: ['password-policy'], build: passwordPolicyBuilder },
  { checkIds: ['alternate-contact-security', 'alternate-contacts-billing-ops'], build: contactsBuilder },
  { checkIds: ['ebs-default-encryption'], build: ebsEncryptionBuilder },
  { checkIds: ['kms-rotation'], build: kmsRotationBuilder },
  { checkIds: ['cloudtrail-log-validation'], build: trailValidationBuilder },
  { checkIds: ['access-analyzer-enabled'], build: accessAnalyzerBuilder },
  { checkIds: ['guardduty-enabled'], build: guardDutyBuilder },
  { checkIds: ['guardduty-protection-plans'], build: guardDutyFeaturesBuilder },
  { checkIds: ['securityhub-enabled'], build: securityHubBuilder },
  // paid, opt-in only (baseline `paid` section)
  { checkIds: [], build: securityHubStandardsBuilder },
  { checkIds: ['inspector-enabled'], build: inspectorBuilder },
  { checkIds: ['config-recorder-all-regions'], build: configRecorderBuilder },
  { checkIds: [], build: macieBuilder },
  { checkIds: ['access-analyzer-unused-access'], build: unusedAccessBuilder },
  { checkIds: ['shield-advanced'], build: shieldAdvancedBuilder },
  { checkIds: ['sg-open-admin-ports'], build: openIngressBuilder },
  { checkIds: ['ec2-imdsv2-required'], build: instanceImdsBuilder },
  { checkIds: ['s3-bucket-public', 's3-bucket-bpa'], build: bucketBpaBuilder },
  // account-level BPA after the bucket fixes: it is the broader switch
  { checkIds: ['s3-account-bpa'], build: accountBpaBuilder },
];

/** Organization builders, applied after every account action (SCPs last, so they never block the plan's own calls). */
export const organizationFixers: readonly OrganizationFixer[] = [
  {
    checkIds: ['cloudtrail-org-trail', 'cloudtrail-multi-region', 'delegated-admins', 'guardduty-delegated-admin', 'securityhub-org-aggregation', 'access-analyzer-enabled', 'config-org-aggregator'],
    build: organizationServicesBuilder,
  },
  {
    checkIds: ['scp-enabled', 'org-ou-structure', 'scp-deny-leave-org', 'scp-deny-root', 'scp-region-deny', 'scp-protect-cloudtrail', 'scp-protect-security-services', 'scp-protect-account-defaults', 'scp-suspended-ou'],
    build: organizationBuilder,
  },
];

/**
 * Action kinds whose effect reaches other accounts than the one they run in (SCPs, the organization trail,
 * delegated administrators): they may close findings of any account of the organization. Every other action closes
 * findings of its own account only.
 */
export function organizationWide(kind: ActionKind): boolean {
  return kind.startsWith('org.');
}

/** Instructions that say more than a check's remediation text for checks the catalog marks manual. */
export const manualInstructions: Readonly<Record<string, string>> = {
  'root-mfa': 'Only the root user can enrol MFA: sign in as root, Security credentials → Assign MFA device (prefer a FIDO security key). For member accounts, prefer removing root credentials with centralized root access.',
  'root-access-keys': 'Sign in as root and delete the access keys (Security credentials → Access keys). Member accounts with centralized root access: sts:AssumeRoot with the IAMDeleteRootUserCredentials task policy.',
  'iam-user-console-mfa': 'Each user must enrol their own MFA device; or move humans to IAM Identity Center and delete the console password.',
  'org-exists': 'Create an organization (aws organizations create-organization --feature-set ALL) from the account that will be the management account; this is a one-way decision for the account.',
};
