// Secrets in configuration (Lambda environment of $LATEST and of published versions, EC2 user data, launch templates
// and Auto Scaling launch configurations, CloudFormation parameters and outputs, ECS task-definition environments): the collectors hand the values to the detector and keep its verdict,
// so a canary planted in any of them appears in no snapshot, no report format and no log line.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeInstanceAttributeCommand, DescribeInstancesCommand, DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeTaskDefinitionCommand, ECSClient, ListClustersCommand, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { GetPolicyCommand, LambdaClient, ListFunctionsCommand, ListFunctionUrlConfigsCommand, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { AutoScalingClient, DescribeLaunchConfigurationsCommand } from '@aws-sdk/client-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import { testContext } from '../../src/collectors/regional/test-support.ts';
import { createMemoryLogger } from '../../src/core/logger.ts';
import { singleAccount } from '../../src/inventory/fixtures.ts';
import type { Snapshot } from '../../src/inventory/snapshot.ts';
import { evaluateSnapshot } from '../../src/scan.ts';
import { autoscalingCollector } from '../../src/services/autoscaling/collector.ts';
import { cloudformationCollector } from '../../src/services/cloudformation/collector.ts';
import { ec2UserDataCollector } from '../../src/services/ec2-userdata/collector.ts';
import { ecsCollector } from '../../src/services/ecs/collector.ts';
import { lambdaCollector } from '../../src/services/lambda/collector.ts';
import { assertFreshBuild, runCli } from '../support/built-cli.ts';
import { canary, leaks } from '../support/canary.ts';
import { reportFormats } from '../support/secret-fields.ts';

const fields = [
  'lambda env (secret name)',
  'lambda env (harmless name)',
  'lambda published version env',
  'launch configuration user data (MIME)',
  'instance user data',
  'launch template user data (gzip)',
  'stack parameter',
  'stack output',
  'ecs environment',
] as const;
const secret = Object.fromEntries(fields.map((f) => [f, canary(`config: ${f}`)])) as Record<(typeof fields)[number], string>;
const b64 = (s: string) => Buffer.from(s).toString('base64');

function leaked(text: string): string[] {
  return fields.filter((f) => leaks(text, secret[f]));
}

describe('secret canaries in configuration', () => {
  const mocks = [mockClient(LambdaClient), mockClient(EC2Client), mockClient(CloudFormationClient), mockClient(ECSClient), mockClient(AutoScalingClient)] as const;
  const [lambda, ec2, cfn, ecs, autoscaling] = mocks;
  const logger = createMemoryLogger();
  let snap: Snapshot;
  let file = '';

  before(async () => {
    const versioned = 'arn:aws:lambda:us-east-1:111111111111:function:canary-versioned-fn';
    lambda.on(ListFunctionsCommand).resolves({
      Functions: [
        { FunctionName: 'canary-fn', FunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:canary-fn', Environment: { Variables: { DB_PASSWORD: secret['lambda env (secret name)'], NOTE: secret['lambda env (harmless name)'] } } },
        // the secret was removed from $LATEST, but version 3 was published with it
        { FunctionName: 'canary-versioned-fn', FunctionArn: versioned, Environment: { Variables: { STAGE: 'prod' } } },
      ],
    });
    lambda.on(ListVersionsByFunctionCommand).resolves({ Versions: [] });
    lambda.on(ListVersionsByFunctionCommand, { FunctionName: 'canary-versioned-fn' }).resolves({
      Versions: [
        { FunctionName: 'canary-versioned-fn', FunctionArn: versioned, Version: '$LATEST', Environment: { Variables: { STAGE: 'prod' } } },
        { FunctionName: 'canary-versioned-fn', FunctionArn: `${versioned}:3`, Version: '3', Environment: { Variables: { STAGE: 'prod', API_TOKEN: secret['lambda published version env'] } } },
      ],
    });
    const mime = ['Content-Type: multipart/mixed; boundary="B"', 'MIME-Version: 1.0', '', '--B', 'Content-Type: text/x-shellscript', '', '#!/bin/sh', `export DB_PASSWORD=${secret['launch configuration user data (MIME)']}`, '--B--', ''].join('\n');
    autoscaling.on(DescribeLaunchConfigurationsCommand).resolves({
      LaunchConfigurations: [
        {
          LaunchConfigurationName: 'canary-lc',
          LaunchConfigurationARN: 'arn:aws:autoscaling:us-east-1:111111111111:launchConfiguration:1:launchConfigurationName/canary-lc',
          ImageId: 'ami-1',
          InstanceType: 't3.micro',
          CreatedTime: new Date(0),
          UserData: b64(mime),
        },
      ],
    });
    lambda.on(GetPolicyCommand).rejects(Object.assign(new Error('none'), { name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } }));
    lambda.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-0canary', State: { Name: 'running' } }] }] });
    ec2.on(DescribeInstanceAttributeCommand).resolves({ UserData: { Value: b64(`#!/bin/sh\nexport DB_PASSWORD=${secret['instance user data']}\n`) } });
    const { gzipSync } = await import('node:zlib');
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
      LaunchTemplateVersions: [{ LaunchTemplateId: 'lt-0canary', LaunchTemplateName: 'canary', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { UserData: gzipSync(Buffer.from(`API_TOKEN=${secret['launch template user data (gzip)']}\n`)).toString('base64') } }],
    });
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'canary-stack',
          StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/canary-stack/1',
          CreationTime: new Date(0),
          StackStatus: 'CREATE_COMPLETE',
          Parameters: [{ ParameterKey: 'DbPassword', ParameterValue: secret['stack parameter'] }],
          Outputs: [{ OutputKey: 'ApiToken', OutputValue: secret['stack output'] }],
        },
      ],
    });
    ecs.on(ListClustersCommand).resolves({ clusterArns: [] });
    ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: ['arn:aws:ecs:us-east-1:111111111111:task-definition/canary-task:1'] });
    ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: { containerDefinitions: [{ name: 'app', environment: [{ name: 'API_TOKEN', value: secret['ecs environment'] }] }] } });

    const ctx = { ...testContext('us-east-1'), logger };
    const slices = {
      lambda: await lambdaCollector.collect(ctx),
      ec2UserData: await ec2UserDataCollector.collect(ctx),
      cloudformation: await cloudformationCollector.collect(ctx),
      ecs: await ecsCollector.collect(ctx),
      autoscaling: await autoscalingCollector.collect(ctx),
    };
    snap = singleAccount((a) =>
      a.inRegion('us-east-1', (r) => {
        for (const [key, slice] of Object.entries(slices)) for (const [field, value] of Object.entries(slice)) r.set(`${key}.${field}`, (value as { value: unknown }).value);
      }),
    );
    file = join(await mkdtemp(join(tmpdir(), 'rampart-config-canary-')), 'snapshot.json');
    await writeFile(file, JSON.stringify(snap));
  });

  after(() => {
    for (const m of mocks) m.restore();
  });

  it('the collectors read the planted values and the checks fail on them, naming the variables', () => {
    const { findings } = evaluateSnapshot(snap);
    const failed = (id: string) => findings.filter((f) => f.checkId === id && f.status === 'fail').map((f) => f.resource.id).sort();
    assert.deepEqual(failed('lambda-env-secrets'), ['canary-fn', 'canary-versioned-fn']);
    assert.deepEqual(failed('ec2-userdata-secrets'), ['canary-lc', 'i-0canary', 'lt-0canary:1']);
    assert.deepEqual(failed('other-config-secrets'), ['canary-stack', 'canary-task:1']);
    const messages = findings.filter((f) => f.status === 'fail').map((f) => f.message).join('\n');
    for (const name of ['DB_PASSWORD', 'API_TOKEN', 'DbPassword', 'ApiToken']) assert.match(messages, new RegExp(name));
    assert.match(messages, /canary-versioned-fn holds what looks like a secret in published version 3: API_TOKEN/);
    assert.match(messages, /launch configuration canary-lc holds what looks like a secret: DB_PASSWORD \(secret-name\) in user data part 1 line 2/);
  });

  it('appear in neither the snapshot nor the collection log', () => {
    assert.deepEqual(leaked(JSON.stringify(snap)), []);
    assert.deepEqual(leaked(JSON.stringify(logger.lines)), []);
  });

  for (const [format, render] of Object.entries(reportFormats)) {
    it(`appear in no ${format} report`, () => {
      assert.deepEqual(leaked(render(evaluateSnapshot(snap).report)), []);
    });
  }

  it('appear neither on stdout nor in the -v log of `scan --snapshot`', async () => {
    assertFreshBuild();
    const r = await runCli(['-v', 'scan', '--snapshot', file, '--format', 'json', '--show-passed']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(leaked(r.stdout + r.stderr), []);
  });
});
