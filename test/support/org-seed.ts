// Seeding an organization into the emulator: the default account becomes the management account, members are
// created with CreateAccount (the emulator gives each an OrganizationAccountAccessRole), placed in OUs, and seeded
// through that role — the same path Rampart takes into them.
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

export const MANAGEMENT_ACCOUNT = '123456789012';

export interface ClientConfig {
  region: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export function managementConfig(endpoint: string, region = 'us-east-1'): ClientConfig {
  return { region, endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
}

export interface SeededOrg {
  organizationId: string;
  rootId: string;
  ous: Record<string, string>;
  /** member name → account id */
  members: Record<string, string>;
}

/** Create the organization, the OUs (under the root) and members (name → OU name, or null for the root). */
export async function seedOrganization(endpoint: string, ous: string[], members: Record<string, string | null>): Promise<SeededOrg> {
  const org = new OrganizationsClient(managementConfig(endpoint));
  const created = await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const rootId = (await org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? '';
  const ouIds: Record<string, string> = {};
  for (const name of ous) {
    const ou = await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: name }));
    ouIds[name] = ou.OrganizationalUnit?.Id ?? '';
  }
  const ids: Record<string, string> = {};
  for (const [name, ou] of Object.entries(members)) {
    const acc = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
    const id = acc.CreateAccountStatus?.AccountId ?? '';
    ids[name] = id;
    if (ou !== null) await org.send(new MoveAccountCommand({ AccountId: id, SourceParentId: rootId, DestinationParentId: ouIds[ou] }));
  }
  org.destroy();
  return { organizationId: created.Organization?.Id ?? '', rootId, ous: ouIds, members: ids };
}

/** Client config acting in a member account through its OrganizationAccountAccessRole. */
export async function memberConfig(endpoint: string, accountId: string, region = 'us-east-1'): Promise<ClientConfig> {
  const sts = new STSClient(managementConfig(endpoint));
  const out = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, RoleSessionName: 'seed' }),
  );
  sts.destroy();
  const c = out.Credentials;
  return {
    region,
    endpoint,
    credentials: { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '', ...(c?.SessionToken ? { sessionToken: c.SessionToken } : {}) },
  };
}
