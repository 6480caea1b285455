// The IAM slice of an account's snapshot: the credential report, account summary, password policy, authorization
// details (users, groups, roles, policies), virtual MFA devices, identity providers, the organization's IAM features and
// the root credentials.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { iso, policyDocument } from '../../inventory/schema-parts.ts';

/** One row of the IAM credential report. Dates are ISO strings; null means "never" / "N/A" / "no_information". */
export const credentialReportRowSchema = z.object({
  user: z.string(),
  arn: z.string(),
  userCreationTime: iso.nullable(),
  /** null for the root row, where the report says `not_supported`. */
  passwordEnabled: z.boolean().nullable(),
  passwordLastUsed: iso.nullable(),
  passwordLastChanged: iso.nullable(),
  mfaActive: z.boolean(),
  accessKey1Active: z.boolean(),
  accessKey1LastRotated: iso.nullable(),
  accessKey1LastUsedDate: iso.nullable(),
  accessKey2Active: z.boolean(),
  accessKey2LastRotated: iso.nullable(),
  accessKey2LastUsedDate: iso.nullable(),
});
export type CredentialReportRow = z.infer<typeof credentialReportRowSchema>;
export const ROOT_USER_NAME = '<root_account>';

const attachedPolicy = z.object({ policyName: z.string(), policyArn: z.string() });
const inlinePolicy = z.object({ policyName: z.string(), document: policyDocument });

export const iamUserSchema = z.object({
  userName: z.string(),
  userId: z.string(),
  arn: z.string(),
  path: z.string(),
  createDate: iso,
  groups: z.array(z.string()),
  attachedManagedPolicies: z.array(attachedPolicy),
  inlinePolicies: z.array(inlinePolicy),
});
export const iamGroupSchema = z.object({
  groupName: z.string(),
  arn: z.string(),
  path: z.string(),
  attachedManagedPolicies: z.array(attachedPolicy),
  inlinePolicies: z.array(inlinePolicy),
});
export const iamRoleSchema = z.object({
  roleName: z.string(),
  roleId: z.string(),
  arn: z.string(),
  path: z.string(),
  createDate: iso,
  assumeRolePolicyDocument: policyDocument,
  attachedManagedPolicies: z.array(attachedPolicy),
  inlinePolicies: z.array(inlinePolicy),
  lastUsedDate: iso.nullable(),
  instanceProfileArns: z.array(z.string()),
});
export const iamManagedPolicySchema = z.object({
  policyName: z.string(),
  arn: z.string(),
  path: z.string(),
  /** true for `arn:aws:iam::aws:policy/...` */
  awsManaged: z.boolean(),
  attachmentCount: z.number().int(),
  defaultVersionId: z.string(),
  /** The default version's document. */
  document: policyDocument,
});
export type IamUser = z.infer<typeof iamUserSchema>;
export type IamGroup = z.infer<typeof iamGroupSchema>;
export type IamRole = z.infer<typeof iamRoleSchema>;
export type IamManagedPolicy = z.infer<typeof iamManagedPolicySchema>;

export const passwordPolicySchema = z.object({
  minimumPasswordLength: z.number().int().optional(),
  passwordReusePrevention: z.number().int().optional(),
  requireSymbols: z.boolean().optional(),
  requireNumbers: z.boolean().optional(),
  requireUppercaseCharacters: z.boolean().optional(),
  requireLowercaseCharacters: z.boolean().optional(),
  allowUsersToChangePassword: z.boolean().optional(),
  maxPasswordAge: z.number().int().optional(),
  hardExpiry: z.boolean().optional(),
});
export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;

export const iamSchema = z.object({
  credentialReport: collectedSchema(z.object({ generatedAt: iso, rows: z.array(credentialReportRowSchema) })),
  /** GetAccountSummary's SummaryMap (AccountMFAEnabled, AccountAccessKeysPresent, Users, …). */
  accountSummary: collectedSchema(z.record(z.string(), z.number())),
  /** null: the account has no password policy (NoSuchEntity). */
  passwordPolicy: collectedSchema(passwordPolicySchema.nullable()),
  authorizationDetails: collectedSchema(
    z.object({
      users: z.array(iamUserSchema),
      groups: z.array(iamGroupSchema),
      roles: z.array(iamRoleSchema),
      /** Customer-managed policies, and AWS-managed policies that are attached to something. */
      policies: z.array(iamManagedPolicySchema),
    }),
  ),
  virtualMfaDevices: collectedSchema(z.array(z.object({ serialNumber: z.string(), userArn: z.string().nullable() }))),
  // --- cat-iam ---
  /** IAM SAML identity providers (ListSAMLProviders): evidence of federation other than Identity Center. */
  samlProviders: collectedSchema(z.array(z.object({ arn: z.string() }))),
  /** IAM OIDC identity providers (ListOpenIDConnectProviders); usually workloads (CI), reported as evidence only. */
  oidcProviders: collectedSchema(z.array(z.object({ arn: z.string() }))),
  // --- cat-acct-org ---
  /**
   * IAM ListOrganizationsFeatures (centralized root access), readable from the management account or the IAM
   * delegated administrator. null: IAM trusted access is not enabled for the organization
   * (ServiceAccessNotEnabledException), so no feature can be on.
   */
  organizationsFeatures: collectedSchema(z.object({ organizationId: z.string().nullable(), enabledFeatures: z.array(z.string()) }).nullable()),
  /**
   * This account's root-user credentials, as an STS AssumeRoot audit session (task policy IAMAuditRootUserCredentials)
   * opened from the management account would read them: GetLoginProfile, ListAccessKeys, ListMFADevices,
   * ListSigningCertificates. Only `scan --org --assume-root` opens that session; otherwise a scan records NotCollected here.
   */
  rootCredentials: collectedSchema(
    z.object({ loginProfile: z.boolean(), accessKeys: z.number().int(), mfaDevices: z.number().int(), signingCertificates: z.number().int() }),
  ),
});
export type IamSlice = z.infer<typeof iamSchema>;
