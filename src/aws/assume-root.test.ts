// Unit tests for the AssumeRoot audit of member root credentials, with STS and IAM mocked (the emulator has no
// AssumeRoot): the session's request, the four reads made with the root session's credentials, NoSuchEntity as "no
// password", pagination, and every refusal recorded as an error, never as "no credentials".
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  GetLoginProfileCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
} from '@aws-sdk/client-iam';
import { AssumeRootCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { isReadOnlyAction } from './actions.ts';
import { ROOT_AUDIT_OPERATIONS, readRootCredentials } from './assume-root.ts';
import { createAwsContext } from './clients.ts';

const MEMBER = '222222222222';
const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
const awsError = (name: string, status: number) => Object.assign(new Error(`${name}: refused`), { name, $metadata: { httpStatusCode: status } });
const context = () => createAwsContext({ credentials: async () => ({ accessKeyId: 'AKMGMT', secretAccessKey: 'y' }), env: {}, defaultRegion: 'eu-west-1' });

/** The access key id a mocked call was signed with. */
async function keyOf(getClient: () => unknown): Promise<string> {
  const client = getClient() as { config: { credentials: () => Promise<{ accessKeyId: string }> } };
  return (await client.config.credentials()).accessKeyId;
}

describe('readRootCredentials', () => {
  const signers: string[] = [];
  beforeEach(() => {
    signers.length = 0;
    sts.on(AssumeRootCommand).resolves({ Credentials: { AccessKeyId: 'ASIAROOT', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 900_000) } });
    iam.on(GetLoginProfileCommand).callsFake(async (_i: unknown, getClient: () => unknown) => {
      signers.push(await keyOf(getClient));
      throw awsError('NoSuchEntity', 404);
    });
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [] });
    iam.on(ListMFADevicesCommand).resolves({ MFADevices: [] });
    iam.on(ListSigningCertificatesCommand).resolves({ Certificates: [] });
  });
  afterEach(() => {
    sts.reset();
    iam.reset();
  });

  it('no password (NoSuchEntity) and empty lists: no credentials, read with the root session on a Regional endpoint', async () => {
    let stsRegion = '';
    sts.on(AssumeRootCommand).callsFake(async (_i: unknown, getClient: () => unknown) => {
      stsRegion = await (getClient() as { config: { region: () => Promise<string> } }).config.region();
      return { Credentials: { AccessKeyId: 'ASIAROOT', SecretAccessKey: 's', SessionToken: 't' } };
    });
    const aws = context();
    const out = await readRootCredentials(aws, MEMBER);
    assert.equal(stsRegion, 'eu-west-1', 'the STS client is a Regional one (AssumeRoot is not served globally)');
    aws.destroy();
    assert.deepEqual(out, { ok: true, value: { loginProfile: false, accessKeys: 0, mfaDevices: 0, signingCertificates: 0 } });
    const call = sts.commandCalls(AssumeRootCommand)[0];
    assert.deepEqual(call?.args[0].input, {
      TargetPrincipal: MEMBER,
      TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' },
      DurationSeconds: 900,
    });
    assert.deepEqual(signers, ['ASIAROOT'], 'the reads use the root session, not the caller');
    // no UserName: in a root session the calls are about the root user
    assert.deepEqual(iam.commandCalls(GetLoginProfileCommand)[0]?.args[0].input, {});
    assert.equal(iam.commandCalls(ListAccessKeysCommand)[0]?.args[0].input.UserName, undefined);
  });

  it('a password, an access key over two pages, an MFA device and a certificate are counted', async () => {
    iam.on(GetLoginProfileCommand).resolves({ LoginProfile: { UserName: 'root', CreateDate: new Date() } });
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIA1', Status: 'Inactive' }], IsTruncated: true, Marker: 'm2' });
    iam.on(ListAccessKeysCommand, { Marker: 'm2' }).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIA2', Status: 'Active' }] });
    iam.on(ListMFADevicesCommand).resolves({ MFADevices: [{ UserName: 'root', SerialNumber: 'arn:aws:iam::222222222222:mfa/root', EnableDate: new Date() }] });
    iam.on(ListSigningCertificatesCommand).resolves({ Certificates: [{ CertificateId: 'c', CertificateBody: 'b', Status: 'Active', UserName: 'root' }] });
    const aws = context();
    const out = await readRootCredentials(aws, MEMBER, { partition: 'aws-us-gov' });
    aws.destroy();
    assert.deepEqual(out, { ok: true, value: { loginProfile: true, accessKeys: 2, mfaDevices: 1, signingCertificates: 1 } });
    assert.equal(sts.commandCalls(AssumeRootCommand)[0]?.args[0].input.TaskPolicyArn?.arn, 'arn:aws-us-gov:iam::aws:policy/root-task/IAMAuditRootUserCredentials');
  });

  it('AssumeRoot refused: an AccessDenied error saying what the session needs, and no IAM call', async () => {
    sts.on(AssumeRootCommand).rejects(awsError('AccessDenied', 403));
    const aws = context();
    const out = await readRootCredentials(aws, MEMBER);
    aws.destroy();
    assert.ok(!out.ok);
    assert.deepEqual([out.error.code, out.error.operation], ['AccessDenied', 'sts:AssumeRoot']);
    assert.match(out.error.message, /centralized root access/);
    assert.match(out.error.message, /iam-policy --org --assume-root/);
    assert.equal(iam.commandCalls(GetLoginProfileCommand).length, 0);
  });

  it('one read denied in the root session: the whole value is that error, not "no credentials"', async () => {
    iam.on(ListMFADevicesCommand).rejects(awsError('AccessDenied', 403));
    const aws = context();
    const out = await readRootCredentials(aws, MEMBER);
    aws.destroy();
    assert.ok(!out.ok);
    assert.deepEqual([out.error.code, out.error.operation], ['AccessDenied', 'iam:ListMFADevices']);
  });

  it('a GetLoginProfile failure other than NoSuchEntity stays an error', async () => {
    iam.on(GetLoginProfileCommand).rejects(awsError('ServiceFailure', 500));
    const aws = createAwsContext({ credentials: async () => ({ accessKeyId: 'AKMGMT', secretAccessKey: 'y' }), env: {}, defaultRegion: 'eu-west-1', maxAttempts: 1 });
    const out = await readRootCredentials(aws, MEMBER);
    aws.destroy();
    assert.ok(!out.ok);
    assert.equal(out.error.operation, 'iam:GetLoginProfile');
  });

  it('declares only AssumeRoot and read-only IAM actions', () => {
    const { assumeRoot, ...reads } = ROOT_AUDIT_OPERATIONS;
    assert.equal(assumeRoot, 'sts:AssumeRoot');
    for (const op of Object.values(reads)) assert.ok(isReadOnlyAction(op), op);
  });
});
