// Unit tests for the ECR collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DescribeRepositoriesCommand, ECRClient, GetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { ecrCollector } from './collector.ts';

const ecr = mockClient(ECRClient);
const repo = (n: string) => ({ repositoryName: n, repositoryArn: `arn:aws:ecr:eu-west-1:111111111111:repository/${n}`, registryId: '111111111111' });

describe('ecr collector', () => {
  beforeEach(() => ecr.reset());
  afterEach(() => ecr.reset());

  it('lists repositories across pages; no policy is a null value, a denied one an error', async () => {
    ecr.on(DescribeRepositoriesCommand).resolves({ repositories: [repo('a')], nextToken: 'n2' });
    ecr.on(DescribeRepositoriesCommand, { nextToken: 'n2' }).resolves({ repositories: [repo('b'), repo('c')] });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] };
    ecr.on(GetRepositoryPolicyCommand, { repositoryName: 'a' }).resolves({ policyText: JSON.stringify(policy) });
    ecr.on(GetRepositoryPolicyCommand, { repositoryName: 'b' }).rejects(awsError('RepositoryPolicyNotFoundException', 'none', 400));
    ecr.on(GetRepositoryPolicyCommand, { repositoryName: 'c' }).rejects(awsError('AccessDeniedException', 'no', 400));
    const out = assertSlice('ecr', await ecrCollector.collect(testContext()));
    assert.ok(out.repositories.ok);
    const [a, b, c] = out.repositories.value;
    assert.deepEqual(a, { name: 'a', arn: repo('a').repositoryArn, registryId: '111111111111', policy: { ok: true, value: policy } });
    assert.deepEqual(b?.policy, { ok: true, value: null });
    assert.ok(c && !c.policy.ok);
    assert.deepEqual([c.policy.error.code, c.policy.error.operation], ['AccessDenied', 'ecr:GetRepositoryPolicy']);
  });

  it('records a denied DescribeRepositories', async () => {
    ecr.on(DescribeRepositoriesCommand).rejects(awsError('AccessDeniedException', 'no', 400));
    const out = assertSlice('ecr', await ecrCollector.collect(testContext()));
    assert.ok(!out.repositories.ok);
    assert.equal(out.repositories.error.operation, 'ecr:DescribeRepositories');
  });
});
