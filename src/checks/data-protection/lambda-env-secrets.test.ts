import assert from 'node:assert/strict';
import { failed } from '../../inventory/collected.ts';
import { collectError, singleAccount } from '../../inventory/fixtures.ts';
import { lambdaFunction, lambdaVersion } from '../../services/lambda/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './lambda-env-secrets.ts';

const leaked = { name: 'DEPLOY_KEY', ruleIds: ['aws-access-key-id'], location: 'Environment.Variables' };
const fnArn = (name: string, region = 'us-east-1') => `arn:aws:lambda:${region}:111111111111:function:${name}`;

testCheck(check, {
  pass: [
    {
      name: 'functions whose variables hold no detectable secret, and one without variables',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('lambda.functions', [lambdaFunction('api', { variables: 3 }), lambdaFunction('cron')]))),
      resources: ['api', 'cron'],
      verify: (results) => {
        assert.match(results.find((r) => r.resource.id === 'api')?.message ?? '', /3 environment variable\(s\), none holding/);
        assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable');
      },
    },
    {
      name: 'published versions without secrets',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('lambda.functions', [lambdaFunction('api', { variables: 2, publishedVersions: { ok: true, value: [lambdaVersion(fnArn('api'), 1), lambdaVersion(fnArn('api'), 2)] } })])),
      ),
      resources: ['api'],
      verify: (results) => assert.match(results.find((r) => r.resource.id === 'api')?.message ?? '', /nor do its 2 published version\(s\)$/),
    },
  ],
  fail: [
    {
      name: 'a secret in published version 3 only ($LATEST and the other versions are clean)',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('lambda.functions', [
            lambdaFunction('api', {
              variables: 2,
              publishedVersions: { ok: true, value: [lambdaVersion(fnArn('api'), 1), lambdaVersion(fnArn('api'), 2), lambdaVersion(fnArn('api'), 3, [leaked]), lambdaVersion(fnArn('api'), 4)] },
            }),
          ]),
        ),
      ),
      resources: ['api'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.equal(f?.message, 'Lambda function api holds what looks like a secret in published version 3: DEPLOY_KEY (aws-access-key-id) in Environment.Variables');
        assert.deepEqual(f?.evidence, { secrets: [], versions: [{ version: '3', versionArn: `${fnArn('api')}:3`, secrets: [leaked] }] });
        assert.match(remediationOf(check, f).cli ?? '', /delete-function --function-name api --qualifier 3/);
      },
    },
    {
      name: 'a secret in $LATEST and in version 2: one finding naming both, and a fix for both',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('lambda.functions', [lambdaFunction('api', { secrets: [leaked], publishedVersions: { ok: true, value: [lambdaVersion(fnArn('api'), 1), lambdaVersion(fnArn('api'), 2, [leaked])] } })])),
      ),
      resources: ['api'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.equal(f?.message, 'Lambda function api holds what looks like a secret in its environment: DEPLOY_KEY (aws-access-key-id) in Environment.Variables; and in published version 2: DEPLOY_KEY (aws-access-key-id) in Environment.Variables');
        const cli = remediationOf(check, f).cli ?? '';
        assert.match(cli, /update-function-configuration --function-name api .*DEPLOY_KEY_SECRET_ARN/);
        assert.match(cli, /delete-function --function-name api --qualifier 2 /);
      },
    },
    {
      name: 'a secret in $LATEST fails even when the published versions could not be read, and says so',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('lambda.functions', [lambdaFunction('api', { secrets: [leaked], publishedVersions: failed(collectError('AccessDenied', 'lambda:ListVersionsByFunction', 'us-east-1')) })])),
      ),
      resources: ['api'],
      verify: (results) => assert.match(results.find((r) => r.resource.id === 'api')?.message ?? '', /\(the published versions of Lambda function api could not be read\)$/),
    },
    {
      name: 'a function with an access key id in a variable: the finding names the variable, not the value',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.set('lambda.functions', [
            lambdaFunction('leaky', { region: 'eu-west-1', secrets: [leaked, { name: 'DB_PASSWORD', ruleIds: ['secret-name'], location: 'Environment.Variables' }], variables: 4 }),
            lambdaFunction('clean', { region: 'eu-west-1' }),
          ]),
        ),
      ),
      resources: ['leaky'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.equal(f?.message, 'Lambda function leaky holds what looks like a secret in its environment: DEPLOY_KEY (aws-access-key-id) in Environment.Variables; DB_PASSWORD (secret-name) in Environment.Variables');
        assert.equal(f?.resource.arn, 'arn:aws:lambda:eu-west-1:111111111111:function:leaky');
        assert.deepEqual(f?.evidence, { secrets: [leaked, { name: 'DB_PASSWORD', ruleIds: ['secret-name'], location: 'Environment.Variables' }] });
        assert.match(remediationOf(check, f).cli ?? '', /--function-name leaky .*DEPLOY_KEY_SECRET_ARN/);
      },
    },
  ],
  error: [
    {
      name: 'ListFunctions denied in one Region',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('lambda.functions', 'AccessDenied', 'lambda:ListFunctions'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
    },
    {
      name: 'an environment Lambda could not decrypt is an error on that function, not a pass',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('lambda.functions', [lambdaFunction('enc', { environmentSecrets: failed(collectError('AccessDenied', 'lambda:ListFunctions', 'us-east-1')) }), lambdaFunction('ok')]),
        ),
      ),
      code: 'AccessDenied',
      resources: ['enc'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'ok')?.status, 'pass'),
    },
    {
      name: 'a clean $LATEST whose published versions could not be listed is an error, not a pass',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('lambda.functions', [lambdaFunction('api', { variables: 2, publishedVersions: failed(collectError('AccessDenied', 'lambda:ListVersionsByFunction', 'us-east-1')) }), lambdaFunction('ok')]),
        ),
      ),
      code: 'AccessDenied',
      resources: ['api'],
      verify: (results) => {
        assert.equal(results.find((r) => r.resource.id === 'api')?.error?.operation, 'lambda:ListVersionsByFunction');
        assert.equal(results.find((r) => r.resource.id === 'ok')?.status, 'pass');
      },
    },
    {
      name: 'a version environment Lambda could not decrypt is an error on the function',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('lambda.functions', [
            lambdaFunction('api', { publishedVersions: { ok: true, value: [lambdaVersion(fnArn('api'), 1, [], { environmentSecrets: failed(collectError('AccessDenied', 'lambda:ListVersionsByFunction', 'us-east-1')) })] } }),
          ]),
        ),
      ),
      code: 'AccessDenied',
      resources: ['api'],
      verify: (results) => assert.match(results.find((r) => r.resource.id === 'api')?.message ?? '', /version 1 of Lambda function api/),
    },
  ],
  notApplicable: [
    { name: 'no functions anywhere', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('lambda.functions', 'AccessDenied', 'lambda:ListFunctions'))),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
});
