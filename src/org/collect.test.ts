// The organization collection with every SDK client mocked: each member collected with its own assumed credentials
// and filed under its own id, a refused member recorded (not fatal), every account in the index, and --resume
// re-reading only the accounts an interrupted run did not finish.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { AccountClient, GetAlternateContactCommand, GetContactInformationCommand } from '@aws-sdk/client-account';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GuardDutyClient, ListOrganizationAdminAccountsCommand } from '@aws-sdk/client-guardduty';
import { GetLoginProfileCommand, IAMClient, ListAccessKeysCommand, ListMFADevicesCommand, ListSigningCertificatesCommand } from '@aws-sdk/client-iam';
import { Inspector2Client } from '@aws-sdk/client-inspector2';
import { KMSClient } from '@aws-sdk/client-kms';
import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, AssumeRootCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AccountState } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsContext } from '../aws/clients.ts';
import { UsageError } from '../core/errors.ts';
import { createMemoryLogger } from '../core/logger.ts';
import { COLLECTOR_CLIENTS } from '../collectors/collector-clients.ts';
import { collectOrganization } from './collect.ts';
import { evaluateOrganization } from './evaluate.ts';
import { mergeReports, mergeSnapshotDirs } from './merge.ts';
import { OrgSnapshotDir, type OrgIndex } from './store.ts';

const MGMT = '111111111111';
const WEB = '222222222222';
const REFUSED = '333333333333';
const CLOSED = '444444444444';

const sts = mockClient(STSClient);
const org = mockClient(OrganizationsClient);
const ec2 = mockClient(EC2Client);
// every collector's client is refused, but EC2 (Regions) and Organizations, which the tests answer
const denyAll = COLLECTOR_CLIENTS.filter((c) => c !== EC2Client && c !== OrganizationsClient).map((c) => mockClient(c as typeof IAMClient));
const stubOf = (client: unknown) => denyAll[COLLECTOR_CLIENTS.filter((c) => c !== EC2Client && c !== OrganizationsClient).indexOf(client as typeof IAMClient)]!;
const accountStub = stubOf(AccountClient);

/** The account a client acts in, from the (fake) access key its credentials carry. */
async function accountOfClient(getClient: () => unknown): Promise<string> {
  const client = getClient() as { config: { credentials: () => Promise<{ accessKeyId: string }> } };
  const key = (await client.config.credentials()).accessKeyId;
  return key.startsWith('AK-') ? key.slice(3) : MGMT;
}

function seed() {
  for (const s of denyAll) s.onAnyCommand().rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }));
  ec2.onAnyCommand().rejects(Object.assign(new Error('denied'), { name: 'UnauthorizedOperation', $metadata: { httpStatusCode: 403 } }));
  ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' }] });
  sts.on(GetCallerIdentityCommand).callsFake(async (_input: unknown, getClient: () => unknown) => {
    const account = await accountOfClient(getClient);
    return { Account: account, Arn: account === MGMT ? `arn:aws:iam::${MGMT}:user/auditor` : `arn:aws:sts::${account}:assumed-role/Audit/s`, UserId: 'U' };
  });
  sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => {
    const account = input.RoleArn.split(':')[4] ?? '';
    if (account === REFUSED) throw Object.assign(new Error('not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    return { Credentials: { AccessKeyId: `AK-${account}`, SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3_600_000) } };
  });
  org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-test', Arn: 'arn:o', FeatureSet: 'ALL', MasterAccountId: MGMT } });
  org.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-root', Arn: 'arn:r', Name: 'Root', PolicyTypes: [] }] });
  org.on(ListOrganizationalUnitsForParentCommand).resolves({ OrganizationalUnits: [] });
  const acct = (id: string, state: AccountState = 'ACTIVE') => ({ Id: id, Arn: `arn:${id}`, Name: `n${id}`, Email: `${id}@x`, State: state });
  org.on(ListAccountsForParentCommand).resolves({ Accounts: [acct(MGMT), acct(WEB), acct(REFUSED), acct(CLOSED, 'SUSPENDED')] });
  org.on(ListPoliciesCommand).resolves({ Policies: [] });
  org.on(ListDelegatedAdministratorsCommand).resolves({ DelegatedAdministrators: [] });
}

const context = () => createAwsContext({ credentials: async () => ({ accessKeyId: 'AKMGMT', secretAccessKey: 'y' }), env: {}, defaultRegion: 'us-east-1' });

describe('collectOrganization', () => {
  let dir: string;
  beforeEach(async () => {
    seed();
    dir = await mkdtemp(join(tmpdir(), 'rampart-org-unit-'));
  });
  afterEach(async () => {
    for (const s of [sts, org, ec2, ...denyAll]) s.reset();
    await rm(dir, { recursive: true, force: true });
  });

  it('files each account under its own id, records the refused member, and lists every account', async () => {
    const logger = createMemoryLogger();
    const aws = context();
    const index = await collectOrganization(aws, new OrgSnapshotDir(dir), { logger, accountConcurrency: 2 });
    aws.destroy();
    const by = Object.fromEntries(index.accounts.map((a) => [a.accountId, a]));
    assert.deepEqual(Object.fromEntries(index.accounts.map((a) => [a.accountId, a.outcome])), { [MGMT]: 'audited', [WEB]: 'audited', [REFUSED]: 'error', [CLOSED]: 'skipped' });
    assert.equal(by[CLOSED]?.note, 'account is SUSPENDED');
    assert.equal(by[REFUSED]?.error?.operation, 'sts:AssumeRole');
    assert.match(by[REFUSED]?.error?.message ?? '', /rampart audit-role/);
    assert.ok(index.collectedAt !== null);
    const store = new OrgSnapshotDir(dir);
    const web = await store.readAccount(by[WEB]!);
    assert.equal(web.accounts[0]?.accountId, WEB);
    assert.equal(web.accounts[0]?.callerArn, `arn:aws:sts::${WEB}:assumed-role/Audit/s`);
    // the management account's Organizations slice is read once, for discovery, and reused (members read their own)
    assert.equal(org.commandCalls(DescribeOrganizationCommand).length, 2, "discovery, then the one member that could be entered");
    assert.ok(logger.lines.some((l) => l.level === 'warn' && l.message.includes(REFUSED)));
    // the refused account is evaluated as error everywhere, with the AssumeRole cause
    const { findings } = await evaluateOrganization(store, index);
    // (the SCP checks judge it from the management account's data)
    const refused = findings.filter((f) => f.accountId === REFUSED && !f.checkId.startsWith('scp-'));
    assert.ok(refused.length > 10);
    assert.ok(refused.every((f) => f.status === 'error' && f.error?.operation === 'sts:AssumeRole'));
    // a skipped account is not evaluated; only the organization checks mention it (not applicable: suspended)
    assert.deepEqual([...new Set(findings.filter((f) => f.accountId === CLOSED).map((f) => `${f.checkId.slice(0, 4)} ${f.status}`))], ['scp- not_applicable']);
  });

  it('--assume-root: each member\'s root credentials are read through AssumeRoot with the caller\'s credentials; members spend no management-only call', async () => {
    const roots: string[] = [];
    sts.on(AssumeRootCommand).callsFake(async (input: { TargetPrincipal: string }, getClient: () => unknown) => {
      roots.push(`${await accountOfClient(getClient)}>${input.TargetPrincipal}`);
      return { Credentials: { AccessKeyId: `ROOT-${input.TargetPrincipal}`, SecretAccessKey: 's', SessionToken: 't' } };
    });
    const iam = stubOf(IAMClient) as unknown as ReturnType<typeof mockClient>;
    iam.on(GetLoginProfileCommand).rejects(Object.assign(new Error('none'), { name: 'NoSuchEntity', $metadata: { httpStatusCode: 404 } }));
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIAOLD', Status: 'Active' }] });
    iam.on(ListMFADevicesCommand).resolves({ MFADevices: [] });
    iam.on(ListSigningCertificatesCommand).resolves({ Certificates: [] });
    const aws = context();
    const index = await collectOrganization(aws, new OrgSnapshotDir(dir), { accountConcurrency: 2, assumeRoot: true });
    aws.destroy();
    assert.deepEqual(roots, [`${MGMT}>${WEB}`], 'one root session, for the member that was audited, opened by the management account');
    const store = new OrgSnapshotDir(dir);
    const web = (await store.readAccount(index.accounts.find((a) => a.accountId === WEB)!)).accounts[0]!;
    assert.deepEqual(web.iam.rootCredentials, { ok: true, value: { loginProfile: false, accessKeys: 1, mfaDevices: 0, signingCertificates: 0 } });
    const mgmt = (await store.readAccount(index.accounts.find((a) => a.accountId === MGMT)!)).accounts[0]!;
    assert.ok(!mgmt.iam.rootCredentials.ok && mgmt.iam.rootCredentials.error.code === 'NotCollected', 'the management root is not covered by root sessions');
    // GuardDuty's organization administrators: listed by the management account only
    const gd = stubOf(GuardDutyClient) as unknown as ReturnType<typeof mockClient>;
    const listers = await Promise.all(gd.commandCalls(ListOrganizationAdminAccountsCommand).map((c) => accountOfClient(() => c.thisValue)));
    assert.deepEqual([...new Set(listers)], [MGMT]);
    const webAdmins = web.regional['us-east-1']?.guardduty.organizationAdminAccounts;
    assert.ok(webAdmins && !webAdmins.ok && webAdmins.error.code === 'NotCollected');
  });

  it("reads members' contacts from the management account (AccountId) when AWS Account Management has trusted access", async () => {
    org.on(ListAWSServiceAccessForOrganizationCommand).resolves({ EnabledServicePrincipals: [{ ServicePrincipal: 'account.amazonaws.com' }] });
    const account = accountStub as unknown as ReturnType<typeof mockClient>;
    const callers: string[] = [];
    account.on(GetAlternateContactCommand).callsFake(async (input: { AccountId?: string; AlternateContactType: string }, getClient: () => unknown) => {
      const caller = await accountOfClient(getClient);
      callers.push(`${caller}>${input.AccountId ?? 'self'}`);
      if (caller !== MGMT) throw Object.assign(new Error('denied'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
      return { AlternateContact: { Name: 'Team', Title: 'T', EmailAddress: `${input.AlternateContactType.toLowerCase()}-${input.AccountId ?? 'self'}@example.com`, PhoneNumber: '+1' } };
    });
    account.on(GetContactInformationCommand).callsFake(async () => ({
      ContactInformation: { FullName: 'Org', PhoneNumber: '+1', AddressLine1: 'a', City: 'c', PostalCode: 'p', CountryCode: 'US' },
    }));
    const aws = context();
    const index = await collectOrganization(aws, new OrgSnapshotDir(dir), { accountConcurrency: 2 });
    aws.destroy();
    const web = await new OrgSnapshotDir(dir).readAccount(index.accounts.find((a) => a.accountId === WEB)!);
    const contacts = web.accounts[0]?.account.alternateContacts.security;
    assert.deepEqual(contacts?.ok && contacts.value?.emailAddress, `security-${WEB}@example.com`);
    assert.ok(!callers.some((c) => c.startsWith(`${WEB}>`)), 'the member role read no contact of its own');
  });

  it('--resume re-reads only the accounts an interrupted run did not finish, and refuses a different request', async () => {
    const store = new OrgSnapshotDir(dir);
    let aws = context();
    await collectOrganization(aws, store, {});
    aws.destroy();
    // an interrupted run leaves the unfinished account marked NotCollected, without a file
    const path = join(dir, 'index.json');
    const index = JSON.parse(await readFile(path, 'utf8')) as OrgIndex;
    const web = index.accounts.find((a) => a.accountId === WEB)!;
    Object.assign(web, { outcome: 'error', error: { code: 'NotCollected', operation: 'rampart:collect', message: 'interrupted' } });
    delete web.file;
    await writeFile(path, JSON.stringify({ ...index, collectedAt: null }));

    aws = context();
    await assert.rejects(collectOrganization(aws, store, {}), (e: unknown) => e instanceof UsageError && /--resume/.test(e.hint ?? ''));
    await assert.rejects(collectOrganization(aws, store, { resume: true, roleName: 'OtherAuditRole' }), (e: unknown) => e instanceof UsageError && /different collection/.test(e.message));
    sts.resetHistory();
    const resumed = await collectOrganization(aws, store, { resume: true });
    aws.destroy();
    const assumed = sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input.RoleArn?.split(':')[4]);
    assert.deepEqual(assumed.sort(), [WEB, REFUSED], 'the management account is not read again; the unfinished and the refused members are retried');
    assert.equal(resumed.accounts.find((a) => a.accountId === WEB)?.outcome, 'audited');
    assert.equal(resumed.accounts.find((a) => a.accountId === MGMT)?.outcome, 'audited');
    assert.ok(resumed.collectedAt !== null);
  });

  it('shards split the accounts, and merging the shard directories or reports gives the unsharded verdicts', async () => {
    const verdicts = (fs: Array<{ accountId: string; checkId: string; resource: { id: string }; status: string }>) =>
      fs.map((f) => `${f.accountId} ${f.checkId} ${f.resource.id} ${f.status}`).sort();
    const run = async (sub: string, shard?: { index: number; count: number }) => {
      const store = new OrgSnapshotDir(join(dir, sub));
      const aws = context();
      const index = await collectOrganization(aws, store, shard ? { selection: { shard } } : {});
      aws.destroy();
      return { store, index, result: await evaluateOrganization(store, index) };
    };
    const full = await run('full');
    const s1 = await run('s1', { index: 1, count: 2 });
    const s2 = await run('s2', { index: 2, count: 2 });
    const audited = (i: OrgIndex) => i.accounts.filter((a) => a.outcome !== 'skipped').map((a) => a.accountId);
    assert.deepEqual([...audited(s1.index), ...audited(s2.index)].sort(), audited(full.index).sort(), 'each active account in exactly one shard');

    const merged = await mergeSnapshotDirs([s1.store.dir, s2.store.dir], join(dir, 'merged'));
    assert.equal(merged.request.shard, null);
    const fromDirs = await evaluateOrganization(new OrgSnapshotDir(join(dir, 'merged')), merged);
    assert.deepEqual(verdicts(fromDirs.findings), verdicts(full.result.findings));
    const fromReports = mergeReports([{ name: 's1', report: s1.result.report }, { name: 's2', report: s2.result.report }]);
    assert.deepEqual(verdicts(fromReports.findings), verdicts(full.result.findings));
    assert.deepEqual(
      fromReports.organization?.accounts.map((a) => `${a.accountId} ${a.outcome}`),
      full.result.report.organization?.accounts.map((a) => `${a.accountId} ${a.outcome}`),
    );

    await assert.rejects(mergeSnapshotDirs([s1.store.dir, s1.store.dir], join(dir, 'twice')), (e: unknown) => e instanceof UsageError && /in both/.test(e.message));
    // a missing shard's accounts are reported as not audited, not dropped
    const partial = await mergeSnapshotDirs([s1.store.dir], join(dir, 'partial'));
    const lost = partial.accounts.filter((a) => audited(s2.index).includes(a.accountId));
    assert.ok(lost.length > 0 && lost.every((a) => a.outcome === 'error' && /shard/.test(a.error?.message ?? '')));
  });
});
