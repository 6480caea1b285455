// The Organizations slice of an account's snapshot: the organization, its structure (roots, OUs, accounts, SCPs), the
// delegated administrators, trusted services, tag and declarative policies, and account tags.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { accountId, iso, policyDocument } from '../../inventory/schema-parts.ts';

export const organizationSchema = z.object({
  id: z.string(),
  arn: z.string(),
  featureSet: z.string(),
  managementAccountId: accountId,
});
export const orgRootSchema = z.object({
  id: z.string(),
  arn: z.string(),
  name: z.string(),
  policyTypes: z.array(z.object({ type: z.string(), status: z.string() })),
});
export const orgUnitSchema = z.object({ id: z.string(), arn: z.string(), name: z.string(), parentId: z.string() });
export const orgAccountSchema = z.object({
  id: accountId,
  arn: z.string(),
  name: z.string(),
  email: z.string(),
  status: z.string(),
  parentId: z.string(),
});
export const orgPolicySchema = z.object({
  id: z.string(),
  arn: z.string(),
  name: z.string(),
  type: z.string(),
  awsManaged: z.boolean(),
  content: policyDocument,
  targets: z.array(z.object({ targetId: z.string(), type: z.enum(['ROOT', 'ORGANIZATIONAL_UNIT', 'ACCOUNT']) })),
});
export const orgStructureSchema = z.object({
  roots: z.array(orgRootSchema),
  organizationalUnits: z.array(orgUnitSchema),
  accounts: z.array(orgAccountSchema),
  /** Service control policies with their documents and targets. */
  policies: z.array(orgPolicySchema),
});
export const delegatedAdministratorSchema = z.object({ accountId, servicePrincipals: z.array(z.string()) });
export type Organization = z.infer<typeof organizationSchema>;
export type OrgStructure = z.infer<typeof orgStructureSchema>;
export type OrgPolicy = z.infer<typeof orgPolicySchema>;
export type DelegatedAdministrator = z.infer<typeof delegatedAdministratorSchema>;

export const organizationsSchema = z.object({
  /** null: the account is not in an organization (AWSOrganizationsNotInUseException). */
  organization: collectedSchema(organizationSchema.nullable()),
  /**
   * Roots, OUs, accounts, SCPs, delegated admins. Readable only from the management account (or a delegated
   * administrator); elsewhere this is an error (AccessDenied or NotCollected), and null when there is no organization.
   */
  structure: collectedSchema(orgStructureSchema.nullable()),
  /**
   * Delegated administrators and the services delegated to each; a field of its own so that failing to read them
   * does not hide the SCPs. null when there is no organization.
   */
  delegatedAdministrators: collectedSchema(z.array(delegatedAdministratorSchema).nullable()),
  // --- cat-acct-org ---
  // Each null when there is no organization, and NotCollected when the structure could not be read (same access).
  /** ListAWSServiceAccessForOrganization: services with trusted access. */
  serviceAccess: collectedSchema(z.array(z.object({ servicePrincipal: z.string(), dateEnabled: iso.nullable() })).nullable()),
  /** Tag policies (ListPolicies TAG_POLICY) with documents and targets. */
  tagPolicies: collectedSchema(z.array(orgPolicySchema).nullable()),
  /** EC2 declarative policies (ListPolicies DECLARATIVE_POLICY_EC2) with documents and targets. */
  declarativePolicies: collectedSchema(z.array(orgPolicySchema).nullable()),
  /** Tags of every account of the organization (ListTagsForResource per account). */
  accountTags: collectedSchema(z.array(z.object({ accountId, tags: z.record(z.string(), z.string()) })).nullable()),
});
export type OrganizationsSlice = z.infer<typeof organizationsSchema>;
