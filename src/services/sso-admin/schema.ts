// Snapshot slice of IAM Identity Center's admin API (SSO Admin), per Region: the instances ListInstances returns there
// (only the Identity Center home Region has one, so the collector runs in every scanned Region), their permission sets
// with the policies they grant, and where the security-relevant ones are assigned.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const ssoAssignmentSchema = z.object({
  accountId: z.string(),
  /** USER or GROUP. */
  principalType: z.string(),
  /** Identity Store id of the user or group. */
  principalId: z.string(),
});

export const permissionSetSchema = z.object({
  arn: z.string(),
  name: z.string(),
  /** ListManagedPoliciesInPermissionSet: AWS-managed policy ARNs. */
  managedPolicyArns: collectedSchema(z.array(z.string())),
  /** GetInlinePolicyForPermissionSet, parsed when it is JSON; null: no inline policy. */
  inlinePolicy: collectedSchema(z.unknown()),
  /**
   * Assignments (ListAccountsForProvisionedPermissionSet, then ListAccountAssignments per account). Read only for
   * permission sets with ReadOnlyAccess, SecurityAudit or AdministratorAccess, or an inline policy (what the checks
   * judge); null value: not read for this permission set.
   */
  assignments: collectedSchema(z.array(ssoAssignmentSchema).nullable()),
});

export const ssoInstanceSchema = z.object({
  instanceArn: z.string(),
  identityStoreId: z.string().nullable(),
  /** The account that owns the instance: the management account for an organization instance. */
  ownerAccountId: z.string().nullable(),
  /** CREATE_IN_PROGRESS | DELETE_IN_PROGRESS | ACTIVE; null when not returned. */
  status: z.string().nullable(),
  name: z.string().nullable(),
  permissionSets: collectedSchema(z.array(permissionSetSchema)),
});

export const ssoAdminSchema = z.object({
  instances: collectedSchema(z.array(ssoInstanceSchema)),
});

export type SsoAssignment = z.infer<typeof ssoAssignmentSchema>;
export type PermissionSet = z.infer<typeof permissionSetSchema>;
export type SsoInstance = z.infer<typeof ssoInstanceSchema>;
export type SsoAdminSlice = z.infer<typeof ssoAdminSchema>;
