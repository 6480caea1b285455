// Unit tests for the Lambda collector, with the SDK mocked: pagination, the secret verdicts (never the values),
// "no policy" as a value, and errors recorded as data.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetPolicyCommand, LambdaClient, ListFunctionsCommand, ListFunctionUrlConfigsCommand, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
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
    lambda.on(ListVersionsByFunctionCommand).resolves({ Versions: [] });

    const out = assertSlice('lambda', await lambdaCollector.collect(testContext()));
    assert.ok(out.functions.ok);
    const [api, worker] = out.functions.value;
    assert.deepEqual(api, {
      functionName: 'api',
      functionArn: arn('api'),
      runtime: 'nodejs22.x',
      environmentVariableCount: 2,
      environmentSecrets: { ok: true, value: [{ name: 'DEPLOY_KEY', ruleIds: ['aws-access-key-id'], location: 'Environment.Variables' }] },
      publishedVersions: { ok: true, value: [] },
      policy: { ok: true, value: { Statement: [{ Effect: 'Allow', Principal: '*' }] } },
      urlConfigs: { ok: true, value: [{ functionUrl: 'https://x.lambda-url.eu-west-1.on.aws/', authType: 'NONE' }] },
    });
    assert.deepEqual(worker?.policy, { ok: true, value: null });
    assert.deepEqual(worker?.environmentSecrets, { ok: true, value: [] });
    assert.ok(!JSON.stringify(out).includes(FAKE_KEY.slice(4)), 'the value never reaches the snapshot');
    assert.equal(lambda.commandCalls(ListFunctionsCommand).length, 2);
  });

  it('pages through the published versions of each function and scans each version\'s environment, keeping verdicts only', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'api', FunctionArn: arn('api'), Environment: { Variables: { STAGE: 'prod' } } }] });
    lambda.on(GetPolicyCommand).rejects(awsError('ResourceNotFoundException', 'none', 404));
    lambda.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
    const v = (n: string, Variables?: Record<string, string>) => ({ FunctionName: 'api', FunctionArn: n === '$LATEST' ? arn('api') : `${arn('api')}:${n}`, Version: n, ...(Variables ? { Environment: { Variables } } : {}) });
    lambda.on(ListVersionsByFunctionCommand, { FunctionName: 'api' }).resolves({ Versions: [v('$LATEST', { STAGE: 'prod' }), v('1')], NextMarker: 'v2' });
    lambda.on(ListVersionsByFunctionCommand, { FunctionName: 'api', Marker: 'v2' }).resolves({ Versions: [v('2', { STAGE: 'prod' }), v('3', { DEPLOY_KEY: FAKE_KEY, STAGE: 'prod' })] });
    const out = assertSlice('lambda', await lambdaCollector.collect(testContext()));
    assert.ok(out.functions.ok);
    assert.deepEqual(out.functions.value[0]?.environmentSecrets, { ok: true, value: [] });
    assert.deepEqual(out.functions.value[0]?.publishedVersions, {
      ok: true,
      value: [
        { version: '1', versionArn: `${arn('api')}:1`, environmentVariableCount: 0, environmentSecrets: { ok: true, value: [] } },
        { version: '2', versionArn: `${arn('api')}:2`, environmentVariableCount: 1, environmentSecrets: { ok: true, value: [] } },
        { version: '3', versionArn: `${arn('api')}:3`, environmentVariableCount: 2, environmentSecrets: { ok: true, value: [{ name: 'DEPLOY_KEY', ruleIds: ['aws-access-key-id'], location: 'Environment.Variables' }] } },
      ],
    });
    assert.equal(lambda.commandCalls(ListVersionsByFunctionCommand).length, 2);
    assert.ok(!JSON.stringify(out).includes(FAKE_KEY.slice(4)), 'no version\'s value reaches the snapshot');
  });

  it('records a denied ListVersionsByFunction, and a version environment Lambda could not decrypt, as errors', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'a', FunctionArn: arn('a') }, { FunctionName: 'b', FunctionArn: arn('b') }] });
    lambda.on(GetPolicyCommand).rejects(awsError('ResourceNotFoundException', 'none', 404));
    lambda.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
    lambda.on(ListVersionsByFunctionCommand, { FunctionName: 'a' }).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    lambda.on(ListVersionsByFunctionCommand, { FunctionName: 'b' }).resolves({
      Versions: [{ FunctionName: 'b', FunctionArn: `${arn('b')}:1`, Version: '1', Environment: { Error: { ErrorCode: 'KMSAccessDeniedException', Message: 'denied' } } }],
    });
    const out = assertSlice('lambda', await lambdaCollector.collect(testContext()));
    assert.ok(out.functions.ok);
    const [a, b] = out.functions.value;
    assert.ok(a && !a.publishedVersions.ok);
    assert.deepEqual([a.publishedVersions.error.code, a.publishedVersions.error.operation], ['AccessDenied', 'lambda:ListVersionsByFunction']);
    assert.deepEqual(a.environmentSecrets, { ok: true, value: [] });
    assert.ok(b?.publishedVersions.ok);
    const env = b.publishedVersions.value[0]?.environmentSecrets;
    assert.ok(env && !env.ok);
    assert.deepEqual([env.error.code, env.error.operation], ['AccessDenied', 'lambda:ListVersionsByFunction']);
    assert.match(env.error.message, /b version 1/);
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
