// Assuming the audit role: refusals explained with cause and fix, and credentials refreshed before they expire.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { assumeRole, AssumeRoleFailure } from './assume.ts';
import { createAwsContext } from './clients.ts';

const sts = mockClient(STSClient);
const CALLER = 'arn:aws:iam::111111111111:user/auditor';
const target = { accountId: '222222222222', roleName: 'OrganizationAccountAccessRole' };
const base = () => createAwsContext({ credentials: async () => ({ accessKeyId: 'x', secretAccessKey: 'y' }), env: {} });
const sdkError = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 403 } });
const creds = (key: string, expiresInMs: number) => ({
  Credentials: { AccessKeyId: key, SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + expiresInMs) },
});

afterEach(() => sts.reset());

describe('assumeRole', () => {
  it('passes the role ARN, the external id and a session name that says who audits', async () => {
    sts.on(AssumeRoleCommand).resolves(creds('AK1', 3_600_000));
    const aws = base();
    const provider = await assumeRole(aws, { ...target, externalId: 'ext-1' }, CALLER);
    assert.equal((await provider()).accessKeyId, 'AK1');
    const input = sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input;
    assert.equal(input?.RoleArn, 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole');
    assert.equal(input?.ExternalId, 'ext-1');
    assert.equal(input?.RoleSessionName, 'rampart-audit-auditor');
    aws.destroy();
  });

  it('explains a refusal: which role, the possible causes, and the fix', async () => {
    sts.on(AssumeRoleCommand).rejects(sdkError('AccessDenied', `User: ${CALLER} is not authorized to perform: sts:AssumeRole`));
    const aws = base();
    await assert.rejects(assumeRole(aws, target, CALLER), (e: unknown) => {
      assert.ok(e instanceof AssumeRoleFailure);
      assert.equal(e.error.code, 'AccessDenied');
      assert.equal(e.error.operation, 'sts:AssumeRole');
      assert.match(e.error.message, /arn:aws:iam::222222222222:role\/OrganizationAccountAccessRole: the role does not exist, its trust policy does not allow/);
      assert.match(e.error.message, /rampart audit-role/);
      return true;
    });
    aws.destroy();
  });

  it('names a service control policy when one refuses', async () => {
    sts.on(AssumeRoleCommand).rejects(sdkError('AccessDenied', 'with an explicit deny in a service control policy'));
    const aws = base();
    await assert.rejects(assumeRole(aws, target, CALLER), (e: unknown) => e instanceof AssumeRoleFailure && e.error.code === 'AccessDenied' && /exempt the audit role/.test(e.message));
    aws.destroy();
  });

  it('refreshes before expiry, once for concurrent callers, and keeps the credentials while they are fresh', async () => {
    let n = 0;
    // the first session expires in 2 minutes (inside the 5-minute margin), later ones in an hour
    sts.on(AssumeRoleCommand).callsFake(() => {
      n += 1;
      return creds(`AK${n}`, n === 1 ? 120_000 : 3_600_000);
    });
    const aws = base();
    const provider = await assumeRole(aws, target, CALLER);
    const [a, b] = await Promise.all([provider(), provider()]);
    assert.equal(a.accessKeyId, 'AK2');
    assert.equal(b.accessKeyId, 'AK2');
    assert.equal((await provider()).accessKeyId, 'AK2');
    assert.equal(n, 2);
    aws.destroy();
  });

  it('turns a failed refresh into a credentials error, so the account stops instead of recording every call as unknown', async () => {
    let n = 0;
    sts.on(AssumeRoleCommand).callsFake(() => {
      n += 1;
      if (n > 1) throw sdkError('AccessDenied', 'role deleted');
      return creds('AK1', 1_000);
    });
    const aws = base();
    const provider = await assumeRole(aws, target, CALLER);
    await assert.rejects(provider(), (e: unknown) => e instanceof Error && e.name === 'CredentialsProviderError' && /refreshing the audit role credentials failed/.test(e.message));
    aws.destroy();
  });
});
