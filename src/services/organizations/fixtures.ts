// Test and demo data for the Organizations slice: the secure baseline (the account manages an organization with
// guardrail SCPs), the answers a member account or an account outside any organization gets, and OrgBuilder, the
// structure editor behind the fluent chain's `.org(...)` (src/inventory/fixtures.ts).
import { failed, ok } from '../../inventory/collected.ts';
import { collectError } from '../../inventory/fixture-support.ts';
import type { OrganizationsSlice, OrgStructure } from './schema.ts';

export const T1_DENY_LEAVE_ORG = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: ['organizations:LeaveOrganization'], Resource: '*' }],
};
export const T2_DENY_ROOT = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyRootUser',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { StringLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:root'] } },
    },
  ],
};
export const FULL_ACCESS_SCP = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** The secure baseline: the account manages organization o-exampleorg1 (all features), with trusted access for Account and IAM. */
export function secureOrganizations(accountId: string): OrganizationsSlice {
  return {
    organization: ok({
      id: 'o-exampleorg1',
      arn: `arn:aws:organizations::${accountId}:organization/o-exampleorg1`,
      featureSet: 'ALL',
      managementAccountId: accountId,
    }),
    structure: ok(secureOrgStructure(accountId)),
    delegatedAdministrators: ok([]),
    serviceAccess: ok([
      { servicePrincipal: 'account.amazonaws.com', dateEnabled: '2025-01-01T00:00:00.000Z' },
      { servicePrincipal: 'iam.amazonaws.com', dateEnabled: '2025-01-01T00:00:00.000Z' },
    ]),
    tagPolicies: ok([]),
    declarativePolicies: ok([]),
    accountTags: ok([]),
  };
}

/** The answers of an account outside any organization. */
export function noOrganizations(): OrganizationsSlice {
  return {
    organization: ok(null),
    structure: ok(null),
    delegatedAdministrators: ok(null),
    serviceAccess: ok(null),
    tagPolicies: ok(null),
    declarativePolicies: ok(null),
    accountTags: ok(null),
  };
}

/** The answers of a member account: the organization is visible but its structure is not (AccessDenied, as AWS answers). */
export function memberOrganizations(managementAccountId: string, orgId = 'o-exampleorg1'): OrganizationsSlice {
  const notRead = (operation: string) =>
    failed(collectError('NotCollected', operation, undefined, 'not read because the organization structure could not be read (AccessDenied)'));
  return {
    organization: ok({
      id: orgId,
      arn: `arn:aws:organizations::${managementAccountId}:organization/${orgId}`,
      featureSet: 'ALL',
      managementAccountId,
    }),
    structure: failed(
      collectError(
        'AccessDenied',
        'organizations:ListRoots',
        undefined,
        'You don’t have permissions to access this resource (only the management account or a delegated administrator can read the organization structure).',
      ),
    ),
    delegatedAdministrators: failed(
      collectError('AccessDenied', 'organizations:ListDelegatedAdministrators', undefined, 'You don’t have permissions to access this resource.'),
    ),
    serviceAccess: notRead('organizations:ListAWSServiceAccessForOrganization'),
    tagPolicies: notRead('organizations:ListPolicies'),
    declarativePolicies: notRead('organizations:ListPolicies'),
    accountTags: notRead('organizations:ListTagsForResource'),
  };
}

/** The baseline structure: one root with SCPs enabled, the management account, FullAWSAccess and the guardrail SCPs on the root. */
export function secureOrgStructure(managementAccountId: string): OrgStructure {
  const rootId = 'r-ex01';
  return {
    roots: [
      {
        id: rootId,
        arn: `arn:aws:organizations::${managementAccountId}:root/o-exampleorg1/${rootId}`,
        name: 'Root',
        policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }],
      },
    ],
    organizationalUnits: [],
    accounts: [
      {
        id: managementAccountId,
        arn: `arn:aws:organizations::${managementAccountId}:account/o-exampleorg1/${managementAccountId}`,
        name: 'management',
        email: 'aws-management@example.com',
        status: 'ACTIVE',
        parentId: rootId,
      },
    ],
    policies: [
      scpPolicy('p-FullAWSAccess', 'FullAWSAccess', FULL_ACCESS_SCP, [{ targetId: rootId, type: 'ROOT' }], true),
      scpPolicy('p-guardrails1', 'Guardrails', { Version: '2012-10-17', Statement: [...T1_DENY_LEAVE_ORG.Statement, ...T2_DENY_ROOT.Statement] }, [
        { targetId: rootId, type: 'ROOT' },
      ]),
    ],
  };
}

/** A service control policy attached to `targets`. */
export function scpPolicy(
  id: string,
  name: string,
  content: unknown,
  targets: OrgStructure['policies'][number]['targets'],
  awsManaged = false,
): OrgStructure['policies'][number] {
  return {
    id,
    arn: `arn:aws:organizations::aws:policy/service_control_policy/${id}`,
    name,
    type: 'SERVICE_CONTROL_POLICY',
    awsManaged,
    content,
    targets,
  };
}

export class OrgBuilder {
  readonly structure: OrgStructure;
  private readonly managementAccountId: string;
  constructor(structure: OrgStructure, managementAccountId: string) {
    this.structure = structure;
    this.managementAccountId = managementAccountId;
  }

  get rootId(): string {
    const root = this.structure.roots[0];
    if (!root) throw new Error('fixture: organization has no root');
    return root.id;
  }

  scpEnabled(enabled: boolean): this {
    for (const root of this.structure.roots) {
      root.policyTypes = enabled ? [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] : [];
    }
    return this;
  }

  ou(id: string, name: string, parentId?: string): this {
    this.structure.organizationalUnits.push({
      id,
      arn: `arn:aws:organizations::${this.managementAccountId}:ou/o-exampleorg1/${id}`,
      name,
      parentId: parentId ?? this.rootId,
    });
    return this;
  }

  memberAccount(id: string, name: string, parentId?: string, status = 'ACTIVE'): this {
    this.structure.accounts.push({
      id,
      arn: `arn:aws:organizations::${this.managementAccountId}:account/o-exampleorg1/${id}`,
      name,
      email: `aws-${name}@example.com`,
      status,
      parentId: parentId ?? this.rootId,
    });
    return this;
  }

  /** Add an SCP attached to the given targets (ids of the root, OUs or accounts). */
  scp(id: string, name: string, content: unknown, targetIds: string[]): this {
    const typeOf = (t: string): 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' =>
      t.startsWith('r-') ? 'ROOT' : t.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT';
    this.structure.policies.push(scpPolicy(id, name, content, targetIds.map((targetId) => ({ targetId, type: typeOf(targetId) }))));
    return this;
  }

  /** Remove every SCP except FullAWSAccess. */
  withoutGuardrails(): this {
    this.structure.policies = this.structure.policies.filter((p) => p.awsManaged);
    return this;
  }
}
