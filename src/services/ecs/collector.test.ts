// Unit tests for the ECS collector, with the SDK mocked: latest ACTIVE revision per family, verdicts on container
// environments (valueFrom secrets are references and pass), pagination and errors recorded as data.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DescribeTaskDefinitionCommand, ECSClient, ListClustersCommand, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { ecsCollector } from './collector.ts';

const ecs = mockClient(ECSClient);
const td = (family: string, rev: number) => `arn:aws:ecs:eu-west-1:111111111111:task-definition/${family}:${rev}`;

describe('ecs collector', () => {
  beforeEach(() => ecs.reset());
  afterEach(() => ecs.reset());

  it('describes only the latest ACTIVE revision of each family and keeps variable names only', async () => {
    ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: [td('web', 1), td('web', 3)], nextToken: 'p2' });
    ecs.on(ListTaskDefinitionsCommand, { nextToken: 'p2' }).resolves({ taskDefinitionArns: [td('web', 2), td('batch', 7)] });
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: td('web', 3) }).resolves({
      taskDefinition: {
        containerDefinitions: [
          { name: 'app', environment: [{ name: 'API_TOKEN', value: 'tok-123' }, { name: 'STAGE', value: 'prod' }], secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db' }] },
          { name: 'sidecar' },
        ],
      },
    });
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: td('batch', 7) }).rejects(awsError('AccessDeniedException', 'denied', 403));
    const out = assertSlice('ecs', await ecsCollector.collect(testContext()));
    assert.ok(out.taskDefinitions.ok);
    const [batch, web] = out.taskDefinitions.value;
    assert.deepEqual(web, {
      taskDefinitionArn: td('web', 3),
      family: 'web',
      revision: 3,
      environmentSecrets: { ok: true, value: [{ name: 'API_TOKEN', ruleIds: ['secret-name'], location: 'containerDefinitions[app].environment' }] },
    });
    assert.ok(batch && !batch.environmentSecrets.ok);
    assert.deepEqual([batch.environmentSecrets.error.code, batch.environmentSecrets.error.operation], ['AccessDenied', 'ecs:DescribeTaskDefinition']);
    assert.deepEqual(ecs.commandCalls(ListTaskDefinitionsCommand)[0]?.args[0].input.status, 'ACTIVE');
    assert.equal(ecs.commandCalls(DescribeTaskDefinitionCommand).length, 2);
    assert.ok(!JSON.stringify(out).includes('tok-123'));
  });

  it('records an unimplemented ListTaskDefinitions (HTML 500) as Unsupported, not as "no task definitions"', async () => {
    ecs.on(ListTaskDefinitionsCommand).rejects(htmlServerError());
    const out = assertSlice('ecs', await ecsCollector.collect(testContext()));
    assert.ok(!out.taskDefinitions.ok);
    assert.deepEqual([out.taskDefinitions.error.code, out.taskDefinitions.error.operation], ['Unsupported', 'ecs:ListTaskDefinitions']);
  });

  it('lists every cluster across pages, also when ListTaskDefinitions fails', async () => {
    const cluster = (n: string) => `arn:aws:ecs:eu-west-1:111111111111:cluster/${n}`;
    ecs.on(ListClustersCommand).resolves({ clusterArns: [cluster('web')], nextToken: 'c2' });
    ecs.on(ListClustersCommand, { nextToken: 'c2' }).resolves({ clusterArns: [cluster('batch')] });
    ecs.on(ListTaskDefinitionsCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    const out = assertSlice('ecs', await ecsCollector.collect(testContext()));
    assert.deepEqual(out.clusters, { ok: true, value: [cluster('batch'), cluster('web')] });
    assert.equal(ecs.commandCalls(ListClustersCommand).length, 2);
    assert.ok(!out.taskDefinitions.ok);
  });

  it('records a denied ListClusters as an error, not as "no clusters"', async () => {
    ecs.on(ListClustersCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: [] });
    const out = assertSlice('ecs', await ecsCollector.collect(testContext()));
    assert.ok(!out.clusters.ok);
    assert.deepEqual([out.clusters.error.code, out.clusters.error.operation], ['AccessDenied', 'ecs:ListClusters']);
    assert.deepEqual(out.taskDefinitions, { ok: true, value: [] });
  });
});
