// Unit tests for the IAM collector, with the SDK mocked (no network): credential report polling and parsing,
// authorization details pagination and documents, absent password policy, recorded errors.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  ListOrganizationsFeaturesCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { createIamCollector, parseCredentialReport, parseCsv } from './collector.ts';
import { awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { iamSchema } from './schema.ts';

const iam = mockClient(IAMClient);

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const ROOT_ROW =
  '<root_account>,arn:aws:iam::111111111111:root,2020-01-01T00:00:00+00:00,not_supported,2026-05-01T10:00:00+00:00,not_supported,not_supported,' +
  'true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const ALICE_ROW =
  'alice,arn:aws:iam::111111111111:user/alice,2023-02-03T04:05:06+00:00,true,no_information,2023-02-03T04:06:00+00:00,N/A,' +
  'false,true,2023-02-03T04:05:07+00:00,N/A,N/A,N/A,true,2024-01-01T00:00:00+00:00,2026-11-01T00:00:00+00:00,us-east-1,s3,false,N/A,false,N/A';
const CSV = [HEADER, ROOT_ROW, ALICE_ROW].join('\n');

const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const encoded = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));

/** A fake clock whose sleep advances time, so polling tests never wait. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

function mockQuietDefaults() {
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iam.on(GetCredentialReportCommand).resolves({ Content: Buffer.from(CSV), GeneratedTime: new Date('2026-11-20T10:00:00Z'), ReportFormat: 'text/csv' });
  iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 1 } });
  iam.on(GetAccountPasswordPolicyCommand).resolves({ PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, ExpirePasswords: false } });
  iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], IsTruncated: false });
  iam.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [], IsTruncated: false });
  iam.on(ListSAMLProvidersCommand).resolves({ SAMLProviderList: [] });
  iam.on(ListOpenIDConnectProvidersCommand).resolves({ OpenIDConnectProviderList: [] });
}

describe('iam collector', () => {
  beforeEach(() => {
    iam.reset();
    mockQuietDefaults();
  });
  afterEach(() => iam.reset());

  it('polls the credential report until COMPLETE with growing back-off, then parses it', async () => {
    iam
      .on(GenerateCredentialReportCommand)
      .resolvesOnce({ State: 'STARTED' })
      .resolvesOnce({ State: 'INPROGRESS' })
      .resolves({ State: 'COMPLETE' });
    const clock = fakeClock();
    const out = iamSchema.parse(await createIamCollector({ ...clock, initialPollDelayMs: 500 }).collect(testContext()));
    assert.equal(iam.commandCalls(GenerateCredentialReportCommand).length, 3);
    assert.equal(iam.commandCalls(GetCredentialReportCommand).length, 1);
    assert.deepEqual(clock.sleeps, [500, 1000]);
    assert.ok(out.credentialReport.ok);
    assert.equal(out.credentialReport.value.generatedAt, '2026-11-20T10:00:00.000Z');
    const [root, alice] = out.credentialReport.value.rows;
    assert.deepEqual(root, {
      user: '<root_account>',
      arn: 'arn:aws:iam::111111111111:root',
      userCreationTime: '2020-01-01T00:00:00.000Z',
      passwordEnabled: null, // not_supported
      passwordLastUsed: '2026-05-01T10:00:00.000Z',
      passwordLastChanged: null,
      mfaActive: true,
      accessKey1Active: false,
      accessKey1LastRotated: null, // N/A
      accessKey1LastUsedDate: null,
      accessKey2Active: false,
      accessKey2LastRotated: null,
      accessKey2LastUsedDate: null,
    });
    assert.equal(alice?.passwordEnabled, true);
    assert.equal(alice?.passwordLastUsed, null); // no_information
    assert.equal(alice?.accessKey2LastUsedDate, '2026-11-01T00:00:00.000Z');
  });

  it('records a Timeout (not a hang) when the report never completes, within the deadline', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    const clock = fakeClock();
    const out = await createIamCollector({ ...clock, reportTimeoutMs: 60_000, initialPollDelayMs: 500, maxPollDelayMs: 8_000 }).collect(testContext());
    assert.ok(!out.credentialReport.ok);
    assert.equal(out.credentialReport.error.code, 'Timeout');
    assert.equal(out.credentialReport.error.operation, 'iam:GenerateCredentialReport');
    assert.match(out.credentialReport.error.message, /not ready after 60s/);
    assert.ok(clock.now() <= 60_000, `waited ${clock.now()}ms`);
    assert.ok(iam.commandCalls(GenerateCredentialReportCommand).length <= 12, 'bounded number of polls');
    assert.equal(iam.commandCalls(GetCredentialReportCommand).length, 0);
    // the rest of the slice is unaffected
    assert.ok(out.accountSummary.ok);
  });

  it('retries GetCredentialReport when IAM says the report is not ready yet', async () => {
    iam
      .on(GetCredentialReportCommand)
      .rejectsOnce(awsError('CredentialReportNotReadyException', 'not ready', 410))
      .resolves({ Content: Buffer.from(CSV), GeneratedTime: new Date('2026-11-20T10:00:00Z') });
    const out = await createIamCollector(fakeClock()).collect(testContext());
    assert.ok(out.credentialReport.ok);
    assert.equal(out.credentialReport.value.rows.length, 2);
  });

  it('records AccessDenied on the report with its operation, never a default', async () => {
    iam.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied', 'not authorized to perform iam:GenerateCredentialReport', 403));
    const out = await createIamCollector(fakeClock()).collect(testContext());
    assert.deepEqual(out.credentialReport, {
      ok: false,
      error: { code: 'AccessDenied', operation: 'iam:GenerateCredentialReport', message: 'AccessDenied: not authorized to perform iam:GenerateCredentialReport' },
    });
  });

  it('records a malformed report as ParseError', async () => {
    iam.on(GetCredentialReportCommand).resolves({ Content: Buffer.from(`${HEADER}\nbob,arn:x,yesterday,true`), GeneratedTime: new Date() });
    const out = await createIamCollector(fakeClock()).collect(testContext());
    assert.ok(!out.credentialReport.ok);
    assert.equal(out.credentialReport.error.code, 'ParseError');
    assert.equal(out.credentialReport.error.operation, 'iam:GetCredentialReport');
  });

  it('maps the account summary and password policy; NoSuchEntity means no policy (null)', async () => {
    const out = await createIamCollector(fakeClock()).collect(testContext());
    assert.deepEqual(out.accountSummary, { ok: true, value: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 1 } });
    assert.ok(out.passwordPolicy.ok);
    assert.equal(out.passwordPolicy.value?.minimumPasswordLength, 14);
    assert.equal(out.passwordPolicy.value?.requireSymbols, true);

    iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('NoSuchEntityException', 'The Password Policy cannot be found.', 404));
    const none = await createIamCollector(fakeClock()).collect(testContext());
    assert.deepEqual(none.passwordPolicy, { ok: true, value: null });
  });

  it('records AccessDenied on GetAccountSummary and Unsupported for an unimplemented endpoint', async () => {
    iam.on(GetAccountSummaryCommand).rejects(awsError('AccessDenied', 'denied', 403));
    iam.on(ListVirtualMFADevicesCommand).rejects(htmlServerError());
    const out = await createIamCollector(fakeClock()).collect(testContext());
    assert.ok(!out.accountSummary.ok);
    assert.deepEqual([out.accountSummary.error.code, out.accountSummary.error.operation, out.accountSummary.error.region], [
      'AccessDenied',
      'iam:GetAccountSummary',
      undefined,
    ]);
    assert.ok(!out.virtualMfaDevices.ok);
    assert.equal(out.virtualMfaDevices.error.code, 'Unsupported');
    assert.equal(out.virtualMfaDevices.error.operation, 'iam:ListVirtualMFADevices');
  });

  it('pages through authorization details, decodes documents and keeps only attached AWS-managed policies', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolves({
        IsTruncated: true,
        Marker: 'm1',
        UserDetailList: [
          {
            UserName: 'alice',
            UserId: 'AIDA1',
            Arn: 'arn:aws:iam::111111111111:user/alice',
            Path: '/',
            CreateDate: new Date('2023-02-03T04:05:06Z'),
            GroupList: ['admins'],
            AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
            UserPolicyList: [
              { PolicyName: 'inline-admin', PolicyDocument: encoded(ADMIN) },
              { PolicyName: 'broken', PolicyDocument: '%7B%22Version%22%3A' },
            ],
          },
        ],
        GroupDetailList: [{ GroupName: 'admins', Arn: 'arn:aws:iam::111111111111:group/admins', Path: '/', GroupPolicyList: [] }],
      })
      .on(GetAccountAuthorizationDetailsCommand, { Marker: 'm1' })
      .resolves({
        IsTruncated: false,
        RoleDetailList: [
          {
            RoleName: 'deployer',
            RoleId: 'AROA1',
            Arn: 'arn:aws:iam::111111111111:role/deployer',
            Path: '/',
            CreateDate: new Date('2022-01-01T00:00:00Z'),
            AssumeRolePolicyDocument: encoded({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
            RoleLastUsed: { LastUsedDate: new Date('2026-11-01T00:00:00Z') },
            InstanceProfileList: [{ Arn: 'arn:aws:iam::111111111111:instance-profile/deployer', InstanceProfileName: 'deployer', InstanceProfileId: 'x', Path: '/', Roles: [], CreateDate: new Date() }],
          },
        ],
        Policies: [
          {
            PolicyName: 'AdministratorAccess',
            Arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
            Path: '/',
            DefaultVersionId: 'v1',
            AttachmentCount: 1,
            PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: encoded(ADMIN) }],
          },
          {
            PolicyName: 'AmazonS3ReadOnlyAccess',
            Arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
            Path: '/',
            DefaultVersionId: 'v3',
            AttachmentCount: 0,
            PolicyVersionList: [{ VersionId: 'v3', IsDefaultVersion: true, Document: encoded(ADMIN) }],
          },
          {
            PolicyName: 'unused-local',
            Arn: 'arn:aws:iam::111111111111:policy/unused-local',
            Path: '/',
            DefaultVersionId: 'v2',
            AttachmentCount: 0,
            PolicyVersionList: [
              { VersionId: 'v1', IsDefaultVersion: false, Document: encoded({ old: true }) },
              { VersionId: 'v2', IsDefaultVersion: true, Document: encoded(ADMIN) },
            ],
          },
        ],
      });
    const out = iamSchema.parse(await createIamCollector(fakeClock()).collect(testContext()));
    const calls = iam.commandCalls(GetAccountAuthorizationDetailsCommand);
    assert.equal(calls.length, 2);
    // (the SDK paginator reuses one input object, so only the last Marker is visible on the recorded calls)
    assert.deepEqual(calls[0]?.args[0].input.Filter, ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy']);
    assert.equal(calls[0]?.args[0].input.MaxItems, 1000);
    assert.equal(calls[1]?.args[0].input.Marker, 'm1');

    assert.ok(out.authorizationDetails.ok);
    const { users, groups, roles, policies } = out.authorizationDetails.value;
    assert.deepEqual(users[0]?.inlinePolicies, [
      { policyName: 'inline-admin', document: ADMIN },
      { policyName: 'broken', document: '%7B%22Version%22%3A' }, // kept raw: checks report ParseError on it
    ]);
    assert.equal(users[0]?.createDate, '2023-02-03T04:05:06.000Z');
    assert.deepEqual(users[0]?.groups, ['admins']);
    assert.equal(groups[0]?.groupName, 'admins');
    assert.equal(roles[0]?.lastUsedDate, '2026-11-01T00:00:00.000Z');
    assert.deepEqual(roles[0]?.instanceProfileArns, ['arn:aws:iam::111111111111:instance-profile/deployer']);
    assert.deepEqual(roles[0]?.assumeRolePolicyDocument, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    assert.deepEqual(
      policies.map((p) => [p.policyName, p.awsManaged, p.attachmentCount]),
      [
        ['AdministratorAccess', true, 1],
        ['unused-local', false, 0],
      ],
    );
    assert.deepEqual(policies[1]?.document, ADMIN, 'the default version, not v1');
  });

  it('records a response missing a required field as ParseError', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ UserDetailList: [{ UserName: 'x' }], IsTruncated: false });
    const out = await createIamCollector(fakeClock()).collect(testContext());
    assert.ok(!out.authorizationDetails.ok);
    assert.equal(out.authorizationDetails.error.code, 'ParseError');
    assert.equal(out.authorizationDetails.error.operation, 'iam:GetAccountAuthorizationDetails');
  });

  it('pages virtual MFA devices and keeps unassigned ones with a null user', async () => {
    iam
      .on(ListVirtualMFADevicesCommand)
      .resolves({
        IsTruncated: true,
        Marker: 'p2',
        VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::111111111111:mfa/root-account-mfa-device', User: { Arn: 'arn:aws:iam::111111111111:root', UserName: '', UserId: '', Path: '/', CreateDate: new Date() } }],
      })
      .on(ListVirtualMFADevicesCommand, { Marker: 'p2' })
      .resolves({ IsTruncated: false, VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::111111111111:mfa/spare' }] });
    const out = await createIamCollector(fakeClock()).collect(testContext());
    assert.deepEqual(out.virtualMfaDevices, {
      ok: true,
      value: [
        { serialNumber: 'arn:aws:iam::111111111111:mfa/root-account-mfa-device', userArn: 'arn:aws:iam::111111111111:root' },
        { serialNumber: 'arn:aws:iam::111111111111:mfa/spare', userArn: null },
      ],
    });
  });

  // --- cat-iam ---
  it('lists SAML and OIDC providers (neither API pages)', async () => {
    iam.on(ListSAMLProvidersCommand).resolves({ SAMLProviderList: [{ Arn: 'arn:aws:iam::111111111111:saml-provider/Okta' }] });
    iam.on(ListOpenIDConnectProvidersCommand).resolves({ OpenIDConnectProviderList: [{ Arn: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' }] });
    const out = await createIamCollector(fakeClock()).collect(testContext());
    assert.deepEqual(out.samlProviders, { ok: true, value: [{ arn: 'arn:aws:iam::111111111111:saml-provider/Okta' }] });
    assert.deepEqual(out.oidcProviders, { ok: true, value: [{ arn: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' }] });
    assert.ok(iamSchema.safeParse(out).success);
  });

  it('records a refused provider listing as data, never an empty list', async () => {
    iam.on(ListSAMLProvidersCommand).rejects(awsError('AccessDenied', 'denied', 403));
    iam.on(ListOpenIDConnectProvidersCommand).resolves({ OpenIDConnectProviderList: [{}] });
    const out = await createIamCollector(fakeClock()).collect(testContext());
    assert.ok(!out.samlProviders.ok);
    assert.deepEqual([out.samlProviders.error.code, out.samlProviders.error.operation], ['AccessDenied', 'iam:ListSAMLProviders']);
    assert.ok(!out.oidcProviders.ok);
    assert.equal(out.oidcProviders.error.code, 'ParseError');
    assert.ok(out.authorizationDetails.ok, 'the other reads are unaffected');
  });

  it('declares exactly the operations it calls', async () => {
    await createIamCollector(fakeClock()).collect(testContext());
    const called = new Set(iam.calls().map((c) => `iam:${c.args[0].constructor.name.replace(/Command$/, '')}`));
    const declared = new Set(createIamCollector().operations);
    assert.deepEqual([...called].sort(), [...declared].sort());
  });
});

describe('credential report parsing', () => {
  it('reads quoted fields and CRLF line ends', () => {
    assert.deepEqual(parseCsv('a,"b,c","d""e"\r\n1,2,3\r\n'), [
      ['a', 'b,c', 'd"e'],
      ['1', '2', '3'],
    ]);
  });

  it('recovers a user name with unquoted commas (it appears in both user and arn)', () => {
    const row = ALICE_ROW.replace('alice,arn:aws:iam::111111111111:user/alice', 'a,b,arn:aws:iam::111111111111:user/a,b');
    const [parsed] = parseCredentialReport(`${HEADER}\n${row}`);
    assert.equal(parsed?.user, 'a,b');
    assert.equal(parsed?.arn, 'arn:aws:iam::111111111111:user/a,b');
    assert.equal(parsed?.mfaActive, false);
  });

  it('accepts a header-only report (no users, as the emulator writes it without a root row)', () => {
    assert.deepEqual(parseCredentialReport(`${HEADER}\n`), []);
  });
});

// --- cat-acct-org: ListOrganizationsFeatures and the root-credentials field ---
describe('iam collector: centralized root access', () => {
  beforeEach(() => {
    iam.reset();
    mockQuietDefaults();
  });
  afterEach(() => iam.reset());

  it('records the enabled organization features, sorted', async () => {
    iam.on(ListOrganizationsFeaturesCommand).resolves({ OrganizationId: 'o-abc', EnabledFeatures: ['RootSessions', 'RootCredentialsManagement'] });
    const out = iamSchema.parse(await createIamCollector(fakeClock()).collect(testContext()));
    assert.deepEqual(out.organizationsFeatures, { ok: true, value: { organizationId: 'o-abc', enabledFeatures: ['RootCredentialsManagement', 'RootSessions'] } });
    assert.equal(iam.commandCalls(ListOrganizationsFeaturesCommand).length, 1);
  });

  it('records IAM trusted access not enabled as null (no feature can be on), a member account as an error', async () => {
    iam.on(ListOrganizationsFeaturesCommand).rejects(awsError('ServiceAccessNotEnabledException', 'The trusted access is not enabled.'));
    const off = iamSchema.parse(await createIamCollector(fakeClock()).collect(testContext()));
    assert.deepEqual(off.organizationsFeatures, { ok: true, value: null });
    iam.on(ListOrganizationsFeaturesCommand).rejects(awsError('AccountNotManagementOrDelegatedAdministratorException', 'not the management account'));
    const member = iamSchema.parse(await createIamCollector(fakeClock()).collect(testContext()));
    assert.ok(!member.organizationsFeatures.ok);
    assert.equal(member.organizationsFeatures.error.operation, 'iam:ListOrganizationsFeatures');
  });

  it('records member root credentials as NotCollected, naming the STS AssumeRoot session they need', async () => {
    const out = iamSchema.parse(await createIamCollector(fakeClock()).collect(testContext()));
    assert.ok(!out.rootCredentials.ok);
    assert.equal(out.rootCredentials.error.code, 'NotCollected');
    assert.equal(out.rootCredentials.error.operation, 'sts:AssumeRoot');
    assert.match(out.rootCredentials.error.message, /IAMAuditRootUserCredentials/);
    assert.ok(!createIamCollector().operations.includes('sts:AssumeRoot'), 'the scan does not call AssumeRoot');
  });
});
