// Unit tests for the Lambda collector, with the SDK mocked: pagination, the secret verdicts (never the values),
// "no policy" as a value, and errors recorded as data.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetPolicyCommand, LambdaClient, ListFunctionsCommand, ListFunctionUrlConfigsCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { lambdaCollector } from './collector.ts';

const lambda = mockClient(LambdaClient);
const arn = (n: string) => `arn:aws:lambda:eu-west-1:111111111111:function:${n}`;
const FAKE_KEY = ['AKIA', 'Z7X2C4V6B8N1M3L5'].join('');

describe('lambda collector', () => {
  beforeEach(() => lambda.reset());
  afterEach(() => lambda.reset());

  it('lists functions across pages, keeps the detector verdict and no value, and reads policy and URLs per function', async () => {
    lambda.on(ListFunctionsCommand).resolves({
      Functions: [{ FunctionName: 'api', FunctionArn: arn('api'), Runtime: 'nodejs22.x', Environment: { Variables: { DEPLOY_KEY: FAKE_KEY, STAGE: 'prod' } } }],
      NextMarker: 'p2',
    });
    lambda.on(ListFunctionsCommand, { Marker: 'p2' }).resolves({ Functions: [{ FunctionName: 'worker', FunctionArn: arn('worker') }] });
    lambda.on(GetPolicyCommand, { FunctionName: 'api' }).resolves({ Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*' }] }) });
    lambda.on(GetPolicyCommand, { FunctionName: 'worker' }).rejects(awsError('ResourceNotFoundException', 'no policy', 404));
    lambda.on(ListFunctionUrlConfigsCommand, { FunctionName: 'api' }).resolves({ FunctionUrlConfigs: [{ FunctionUrl: 'https://x.lambda-url.eu-west-1.on.aws/', AuthType: 'NONE', FunctionArn: arn('api'), CreationTime: 't', LastModifiedTime: 't' }] });
    lambda.on(ListFunctionUrlConfigsCommand, { FunctionName: 'worker' }).resolves({ FunctionUrlConfigs: [] });

    const out = assertSlice('lambda', await lambdaCollector.collect(testContext()));
    assert.ok(out.functions.ok);
    const [api, worker] = out.functions.value;
    assert.deepEqual(api, {
      functionName: 'api',
      functionArn: arn('api'),
      runtime: 'nodejs22.x',
      environmentVariableCount: 2,
      environmentSecrets: { ok: true, value: [{ name: 'DEPLOY_KEY', ruleIds: ['aws-access-key-id'], location: 'Environment.Variables' }] },
      policy: { ok: true, value: { Statement: [{ Effect: 'Allow', Principal: '*' }] } },
      urlConfigs: { ok: true, value: [{ functionUrl: 'https://x.lambda-url.eu-west-1.on.aws/', authType: 'NONE' }] },
    });
    assert.deepEqual(worker?.policy, { ok: true, value: null });
    assert.deepEqual(worker?.environmentSecrets, { ok: true, value: [] });
    assert.ok(!JSON.stringify(out).includes(FAKE_KEY.slice(4)), 'the value never reaches the snapshot');
    assert.equal(lambda.commandCalls(ListFunctionsCommand).length, 2);
  });

  it('records an environment Lambda could not decrypt as an error on that function', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'enc', FunctionArn: arn('enc'), Environment: { Error: { ErrorCode: 'KMSAccessDeniedException', Message: 'denied' } } }] });
    lambda.on(GetPolicyCommand).rejects(awsError('ResourceNotFoundException', 'none', 404));
    lambda.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
    const out = assertSlice('lambda', await lambdaCollector.collect(testContext()));
    assert.ok(out.functions.ok);
    const env = out.functions.value[0]?.environmentSecrets;
    assert.ok(env && !env.ok);
    assert.equal(env.error.code, 'AccessDenied');
    assert.equal(env.error.operation, 'lambda:ListFunctions');
  });

  it('records a denied GetPolicy and an unimplemented ListFunctionUrlConfigs (HTML 500) as errors, never as "none"', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'f', FunctionArn: arn('f') }] });
    lambda.on(GetPolicyCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    lambda.on(ListFunctionUrlConfigsCommand).rejects(htmlServerError());
    const out = assertSlice('lambda', await lambdaCollector.collect(testContext('eu-north-1')));
    assert.ok(out.functions.ok);
    const f = out.functions.value[0];
    assert.ok(f && !f.policy.ok && !f.urlConfigs.ok);
    assert.deepEqual([f.policy.error.code, f.policy.error.operation, f.policy.error.region], ['AccessDenied', 'lambda:GetPolicy', 'eu-north-1']);
    assert.deepEqual([f.urlConfigs.error.code, f.urlConfigs.error.operation], ['Unsupported', 'lambda:ListFunctionUrlConfigs']);
  });

  it('records a denied ListFunctions and makes no per-function call', async () => {
    lambda.on(ListFunctionsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const out = assertSlice('lambda', await lambdaCollector.collect(testContext()));
    assert.ok(!out.functions.ok);
    assert.equal(out.functions.error.operation, 'lambda:ListFunctions');
    assert.equal(lambda.calls().length, 1);
  });
});
