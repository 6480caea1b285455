// Account-level collectors and the orchestrator against the local AWS emulator (moto): seed real state with the SDK,
// collect it, and prove that a whole scan calls only declared, read-only operations.
// Emulator gaps (moto 5.2.1) this suite lives with: no `<root_account>` row in the credential report, root fields of
// GetAccountSummary are 0, S3 Control needs an explicit endpoint (the collector handles it), ListBuckets returns no
// BucketRegion (so GetBucketLocation is exercised), and unimplemented calls answer with HTML (recorded as Unsupported).
import assert from 'node:assert/strict';
import { isReadOnlyAction } from '../../src/aws/actions.ts';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { AccountClient, PutAlternateContactCommand } from '@aws-sdk/client-account';
import {
  AttachUserPolicyCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand as CreateOrgPolicyCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CreateBucketCommand, PutBucketPolicyCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateAccessPointCommand, PutAccessPointPolicyCommand, PutPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { createAwsContext, type AwsContext } from '../../src/aws/clients.ts';
import { createLimiter } from '../../src/aws/limiter.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { accountCollector } from '../../src/services/account/collector.ts';
import { createIamCollector } from '../../src/services/iam/collector.ts';
import { organizationsCollector } from '../../src/services/organizations/collector.ts';
import { allCollectorOperations, collectSnapshot } from '../../src/collectors/run.ts';
import { s3Collector } from '../../src/services/s3/collector.ts';
import type { CollectorContext } from '../../src/collectors/types.ts';
import type { CollectError } from '../../src/inventory/collected.ts';
import { accountSnapshotSchema } from '../../src/inventory/snapshot.ts';
import { fakeAwsEnv, motoAvailable, MOTO_SKIP_REASON, startMoto, type Moto } from '../support/moto.ts';

const ACCOUNT = '123456789012'; // moto's default account
const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const PUBLIC_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::public-site/*' }],
};
const DENY_LEAVE = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] };

describe('account-level collectors against the AWS emulator', { skip: motoAvailable() ? false : MOTO_SKIP_REASON }, () => {
  let moto: Moto;
  let aws: AwsContext;
  const savedEnv = new Map<string, string | undefined>();

  // seed clients: plain SDK clients (not through the factory), fake credentials and endpoint from the environment
  const seed = {
    iam: () => new IAMClient({ region: 'us-east-1' }),
    s3: (region = 'us-east-1') => new S3Client({ region, forcePathStyle: true }),
    s3control: () => new S3ControlClient({ region: 'us-east-1', endpointProvider: () => ({ url: new URL(moto.endpoint) }) }),
    org: () => new OrganizationsClient({ region: 'us-east-1' }),
    account: () => new AccountClient({ region: 'us-east-1' }),
  };

  function ctx(): CollectorContext {
    return { aws, accountId: ACCOUNT, logger: silentLogger, limiter: createLimiter(8) };
  }

  before(async () => {
    moto = await startMoto();
    // before any SDK client exists: fake credentials, loopback endpoint, and never the instance metadata service
    for (const [k, v] of Object.entries(fakeAwsEnv(moto.endpoint))) {
      savedEnv.set(k, process.env[k]);
      process.env[k] = v;
    }
  });
  after(async () => {
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto.reset();
    aws = createAwsContext();
  });
  afterEach(() => aws.destroy());

  it('iam: credential report, authorization details with decoded documents, no password policy', async () => {
    const iam = seed.iam();
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-42!' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'inline-admin', PolicyDocument: JSON.stringify(ADMIN) }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await iam.send(new CreatePolicyCommand({ PolicyName: 'unattached-local', PolicyDocument: JSON.stringify(ADMIN) }));
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    iam.destroy();

    const out = await createIamCollector({ initialPollDelayMs: 20 }).collect(ctx());
    assert.ok(out.credentialReport.ok, JSON.stringify(out.credentialReport));
    const alice = out.credentialReport.value.rows.find((r) => r.user === 'alice');
    assert.equal(alice?.passwordEnabled, true);
    assert.equal(alice?.mfaActive, false);
    assert.equal(alice?.passwordLastUsed, null);

    assert.ok(out.authorizationDetails.ok, JSON.stringify(out.authorizationDetails));
    const { users, roles, policies } = out.authorizationDetails.value;
    const user = users.find((u) => u.userName === 'alice');
    assert.deepEqual(user?.inlinePolicies, [{ policyName: 'inline-admin', document: ADMIN }]);
    assert.deepEqual(user?.attachedManagedPolicies, [{ policyName: 'ReadOnlyAccess', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]);
    assert.deepEqual(roles.find((r) => r.roleName === 'app')?.assumeRolePolicyDocument, trust);
    // the customer-managed policy even though unattached, and of ~1,000 AWS-managed policies only the attached one
    assert.deepEqual(policies.map((p) => p.policyName).sort(), ['ReadOnlyAccess', 'unattached-local']);
    assert.deepEqual(policies.find((p) => p.policyName === 'unattached-local')?.document, ADMIN);

    assert.deepEqual(out.passwordPolicy, { ok: true, value: null });
    assert.ok(out.accountSummary.ok);
    assert.equal(out.accountSummary.value.Users, 1);
    assert.deepEqual(out.virtualMfaDevices, { ok: true, value: [] });
  });

  it('s3: account BPA through S3 Control, bucket Regions, a public bucket policy, absent configurations', async () => {
    const us = seed.s3();
    const eu = seed.s3('eu-west-1');
    await us.send(new CreateBucketCommand({ Bucket: 'public-site' }));
    await us.send(new PutBucketPolicyCommand({ Bucket: 'public-site', Policy: JSON.stringify(PUBLIC_POLICY) }));
    await eu.send(new CreateBucketCommand({ Bucket: 'eu-data', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    await eu.send(new PutBucketVersioningCommand({ Bucket: 'eu-data', VersioningConfiguration: { Status: 'Enabled' } }));
    const control = seed.s3control();
    await control.send(
      new PutPublicAccessBlockCommand({
        AccountId: ACCOUNT,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
      }),
    );
    for (const c of [us, eu, control]) c.destroy();

    const out = await s3Collector.collect(ctx());
    assert.deepEqual(out.accountPublicAccessBlock, {
      ok: true,
      value: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false },
    });
    assert.ok(out.buckets.ok, JSON.stringify(out.buckets));
    const site = out.buckets.value.find((b) => b.name === 'public-site');
    const data = out.buckets.value.find((b) => b.name === 'eu-data');
    assert.deepEqual(site?.region, { ok: true, value: 'us-east-1' });
    assert.deepEqual(site?.policy, { ok: true, value: PUBLIC_POLICY });
    assert.deepEqual(site?.publicAccessBlock, { ok: true, value: null });
    assert.deepEqual(site?.encryption.ok, true);
    assert.deepEqual(site?.ownershipControls.ok, true);
    assert.ok(site?.acl.ok);
    assert.deepEqual(data?.region, { ok: true, value: 'eu-west-1' });
    assert.deepEqual(data?.policy, { ok: true, value: null });
    assert.deepEqual(data?.versioning, { ok: true, value: { status: 'Enabled', mfaDelete: false } });
    // the per-bucket reads of eu-data went to eu-west-1
    assert.ok(aws.ledger.list().some((e) => e.operation === 'GetBucketVersioning' && e.region === 'eu-west-1'));
    assert.ok(!aws.ledger.operations().includes('s3:GetBucketPolicyStatus'));
  });

  it('s3: access points in the bucket Regions, with their policy (or none), BPA and network origin', async () => {
    const us = seed.s3();
    const eu = seed.s3('eu-west-1');
    await us.send(new CreateBucketCommand({ Bucket: 'ap-data' }));
    await eu.send(new CreateBucketCommand({ Bucket: 'ap-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const control = seed.s3control();
    const OFF = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };
    await control.send(new CreateAccessPointCommand({ AccountId: ACCOUNT, Name: 'open-ap', Bucket: 'ap-data', PublicAccessBlockConfiguration: OFF }));
    const apPolicy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/open-ap/object/*` }],
    };
    await control.send(new PutAccessPointPolicyCommand({ AccountId: ACCOUNT, Name: 'open-ap', Policy: JSON.stringify(apPolicy) }));
    await control.send(new CreateAccessPointCommand({ AccountId: ACCOUNT, Name: 'vpc-ap', Bucket: 'ap-data', VpcConfiguration: { VpcId: 'vpc-12345678' } }));
    for (const c of [us, eu, control]) c.destroy();

    const out = await s3Collector.collect(ctx());
    assert.ok(out.accessPoints.ok, JSON.stringify(out.accessPoints));
    // moto keeps one account-wide list and answers it in every Region: each access point is recorded once
    assert.deepEqual(out.accessPoints.value.map((a) => a.name).sort(), ['open-ap', 'vpc-ap']);
    const open = out.accessPoints.value.find((a) => a.name === 'open-ap');
    assert.equal(open?.bucket, 'ap-data');
    assert.equal(open?.networkOrigin, 'Internet');
    assert.deepEqual(open?.policy, { ok: true, value: apPolicy });
    assert.deepEqual(open?.publicAccessBlock, { ok: true, value: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false } });
    const vpc = out.accessPoints.value.find((a) => a.name === 'vpc-ap');
    assert.equal(vpc?.networkOrigin, 'VPC');
    assert.deepEqual(vpc?.policy, { ok: true, value: null });
    assert.deepEqual(vpc?.publicAccessBlock, { ok: true, value: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } });
    // listed once in each Region that holds a bucket, and never asked GetAccessPointPolicyStatus
    const lists = aws.ledger.list().filter((e) => e.operation === 'ListAccessPoints');
    assert.deepEqual(lists.map((e) => [e.region, e.calls]).sort(), [['eu-west-1', 1], ['us-east-1', 1]]);
    assert.ok(!aws.ledger.operations().includes('s3:GetAccessPointPolicyStatus'));
  });

  it('organizations: none, then the structure created with CreateOrganization', async () => {
    assert.deepEqual(await organizationsCollector.collect(ctx()), {
      organization: { ok: true, value: null },
      structure: { ok: true, value: null },
      delegatedAdministrators: { ok: true, value: null },
      serviceAccess: { ok: true, value: null },
      tagPolicies: { ok: true, value: null },
      declarativePolicies: { ok: true, value: null },
      accountTags: { ok: true, value: null },
    });

    const org = seed.org();
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const rootId = (await org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? assert.fail('no root');
    const ou = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' }))).OrganizationalUnit?.Id ?? assert.fail('no OU');
    const member = (await org.send(new CreateAccountCommand({ AccountName: 'prod', Email: 'prod@example.com' }))).CreateAccountStatus?.AccountId ?? assert.fail('no account');
    await org.send(new MoveAccountCommand({ AccountId: member, SourceParentId: rootId, DestinationParentId: ou }));
    const scp = await org.send(
      new CreateOrgPolicyCommand({ Name: 'deny-leave', Description: 'T1', Type: 'SERVICE_CONTROL_POLICY', Content: JSON.stringify(DENY_LEAVE) }),
    );
    await org.send(new AttachPolicyCommand({ PolicyId: scp.Policy?.PolicySummary?.Id, TargetId: ou }));
    org.destroy();

    const out = await organizationsCollector.collect(ctx());
    assert.ok(out.organization.ok && out.organization.value);
    assert.equal(out.organization.value.featureSet, 'ALL');
    assert.equal(out.organization.value.managementAccountId, ACCOUNT);
    assert.ok(out.structure.ok && out.structure.value, JSON.stringify(out.structure));
    const s = out.structure.value;
    assert.deepEqual(s.roots.map((r) => r.id), [rootId]);
    assert.deepEqual(s.organizationalUnits.map((o) => [o.name, o.parentId]), [['Workloads', rootId]]);
    assert.deepEqual(s.accounts.find((a) => a.id === member)?.parentId, ou);
    assert.deepEqual(s.accounts.find((a) => a.id === ACCOUNT)?.parentId, rootId);
    const deny = s.policies.find((p) => p.name === 'deny-leave');
    assert.deepEqual(deny?.content, DENY_LEAVE);
    assert.deepEqual(deny?.targets, [{ targetId: ou, type: 'ORGANIZATIONAL_UNIT' }]);
    assert.deepEqual(out.delegatedAdministrators, { ok: true, value: [] });
    assert.ok(s.policies.some((p) => p.name === 'FullAWSAccess' && p.awsManaged));
    // what the emulator serves of the rest: trusted access and tag policies (none), account tags; no EC2 declarative policies
    assert.deepEqual(out.serviceAccess, { ok: true, value: [] });
    assert.deepEqual(out.tagPolicies, { ok: true, value: [] });
    assert.ok(out.accountTags.ok && out.accountTags.value);
    assert.deepEqual(out.accountTags.value.map((t) => t.accountId).sort(), [ACCOUNT, member].sort());
    assert.ok(!out.declarativePolicies.ok);
    assert.equal(out.declarativePolicies.error.code, 'Unsupported');
  });

  it('account: a registered security contact, and none for billing', async () => {
    const account = seed.account();
    await account.send(
      new PutAlternateContactCommand({
        AlternateContactType: 'SECURITY',
        Name: 'Security Team',
        Title: 'Security',
        EmailAddress: 'security@example.com',
        PhoneNumber: '+1-555-0100',
      }),
    );
    account.destroy();
    const out = await accountCollector.collect(ctx());
    assert.deepEqual(out.alternateContacts.security, {
      ok: true,
      value: { name: 'Security Team', title: 'Security', emailAddress: 'security@example.com', phoneNumber: '+1-555-0100' },
    });
    assert.deepEqual(out.alternateContacts.billing, { ok: true, value: null });
    // the emulator has no GetContactInformation
    assert.ok(!out.contactInformation.ok);
    assert.equal(out.contactInformation.error.code, 'Unsupported');
  });

  it('collectSnapshot end to end calls only declared, read-only operations', async () => {
    const iam = seed.iam();
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    iam.destroy();
    const s3 = seed.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'some-bucket' }));
    s3.destroy();

    const snapshot = await collectSnapshot(aws, { regions: ['us-east-1'] });
    const account = accountSnapshotSchema.parse(snapshot.accounts[0]);
    assert.equal(account.accountId, ACCOUNT);
    assert.deepEqual(Object.keys(account.regional), ['us-east-1']);
    assert.ok(account.iam.credentialReport.ok);

    const declared = new Set(allCollectorOperations());
    const called = aws.ledger.operations();
    assert.ok(called.length > 20, `only ${called.length} operations called`);
    for (const op of called) {
      assert.ok(declared.has(op), `${op} was called but no collector declares it`);
      assert.ok(isReadOnlyAction(op), `${op} is not a read-only verb`);
    }
    // against the emulator the only errors are its gaps, and each is classified (never Unknown); NotCollected marks
    // what depends on a gap (Access Analyzer findings, when its analyzers are Unsupported)
    const errors: CollectError[] = [];
    JSON.stringify(snapshot, (_k, v: unknown) => {
      if (v && typeof v === 'object' && 'ok' in v && v.ok === false && 'error' in v) errors.push(v.error as CollectError);
      return v;
    });
    // NotCollected marks what the scan did not read on purpose: what depends on a gap (Access Analyzer findings, when
    // its analyzers are Unsupported), the trail-bucket facts of a bucket CloudTrail cannot write to, and root
    // credentials (they need an AssumeRoot session the scan does not open), and the calls only a management account
    // answers, not spent in an account outside any organization. The emulator's GetMacieSession sends a
    // date the SDK cannot read, and its BatchGetAccountStatus for an account that never enabled Inspector lists the
    // account nowhere: ParseErrors, the gaps that are not Unsupported.
    const onPurpose = (e: CollectError) =>
      e.code === 'NotCollected' && (e.message.includes('(Unsupported)') || /no CloudTrail destination/.test(e.message) || e.operation === 'sts:AssumeRoot' || /only (the|an organization's) management account/.test(e.message));
    const emulatorParseGaps = ['macie2:GetMacieSession', 'inspector2:BatchGetAccountStatus'];
    const gaps = errors.filter((e) => !onPurpose(e) && !(e.code === 'ParseError' && emulatorParseGaps.includes(e.operation)));
    for (const e of gaps) assert.equal(e.code, 'Unsupported', `${e.operation}: ${e.message}`);
    assert.equal(account.iam.rootCredentials.ok, false);
  });
});
