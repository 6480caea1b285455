import assert from 'node:assert/strict';
import { failed } from '../../inventory/collected.ts';
import { collectError, singleAccount } from '../../inventory/fixtures.ts';
import { stack } from '../../services/cloudformation/fixtures.ts';
import { taskDefinition } from '../../services/ecs/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './other-config-secrets.ts';

testCheck(check, {
  pass: [
    {
      name: 'a clean stack and a clean task definition',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('cloudformation.stacks', [stack('net')]).set('ecs.taskDefinitions', [taskDefinition('web', 4)]))),
      resources: ['net', 'web:4'],
      verify: (results) => assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable'),
    },
  ],
  fail: [
    {
      name: 'a stack output and a task-definition variable holding secrets, named without values',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r
            .set('cloudformation.stacks', [stack('app', [{ name: 'DeployKey', ruleIds: ['aws-access-key-id'], location: 'Outputs' }], { region: 'eu-west-1' }), stack('ok', [], { region: 'eu-west-1' })])
            .set('ecs.taskDefinitions', [taskDefinition('api', 2, [{ name: 'API_TOKEN', ruleIds: ['secret-name'], location: 'containerDefinitions[app].environment' }], { region: 'eu-west-1' })]),
        ),
      ),
      resources: ['api:2', 'app'],
      verify: (results) => {
        const s = results.find((r) => r.resource.id === 'app');
        assert.equal(s?.message, 'stack app holds what looks like a secret: DeployKey (aws-access-key-id) in Outputs');
        assert.match(remediationOf(check, s).cli ?? '', /--stack-name app .*ParameterKey=DeployKey/);
        const t = results.find((r) => r.resource.id === 'api:2');
        assert.equal(t?.resource.type, 'AwsEcsTaskDefinition');
        assert.match(t?.message ?? '', /API_TOKEN \(secret-name\) in containerDefinitions\[app\]\.environment/);
        assert.match(remediationOf(check, t).cli ?? '', /--task-definition api:2/);
      },
    },
  ],
  error: [
    {
      name: 'DescribeStacks denied; task definitions still judged',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('cloudformation.stacks', 'AccessDenied', 'cloudformation:DescribeStacks').set('ecs.taskDefinitions', [taskDefinition('web')]))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'web:1')?.status, 'pass'),
    },
    {
      name: 'a task definition that could not be described',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('ecs.taskDefinitions', [taskDefinition('web', 1, [], { environmentSecrets: failed(collectError('AccessDenied', 'ecs:DescribeTaskDefinition', 'us-east-1')) })])),
      ),
      code: 'AccessDenied',
      resources: ['web:1'],
    },
  ],
  notApplicable: [
    { name: 'no stacks or task definitions', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'a Region closed to both reads gets one not_applicable',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) => r.fail('cloudformation.stacks', 'AccessDenied', 'cloudformation:DescribeStacks').fail('ecs.taskDefinitions', 'AccessDenied', 'ecs:ListTaskDefinitions')),
      ),
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => assert.equal(results.filter((r) => r.region === 'eu-west-1').length, 1),
    },
  ],
});
