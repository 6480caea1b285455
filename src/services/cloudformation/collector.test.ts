// Unit tests for the CloudFormation collector, with the SDK mocked: verdicts on parameters and outputs (never the
// values), SSM-typed and NoEcho parameters passing, pagination and a denied call recorded as data.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { cloudformationCollector } from './collector.ts';

const cfn = mockClient(CloudFormationClient);
const FAKE_KEY = ['AKIA', 'H3J5K7L9M2N4P6Q8'].join('');
const base = { CreationTime: new Date(0), StackStatus: 'CREATE_COMPLETE' as const };

describe('cloudformation collector', () => {
  beforeEach(() => cfn.reset());
  afterEach(() => cfn.reset());

  it('scans parameters and outputs of every stack across pages and keeps names only', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          ...base,
          StackName: 'app',
          StackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/app/1',
          Parameters: [
            { ParameterKey: 'DbPassword', ParameterValue: 'hunter2' },
            { ParameterKey: 'MasterPassword', ParameterValue: '****' },
            { ParameterKey: 'ApiTokenParam', ParameterValue: '/prod/token', ResolvedValue: 'resolved-by-ssm' },
            { ParameterKey: 'Stage', ParameterValue: 'prod' },
          ],
          Outputs: [{ OutputKey: 'DeployKey', OutputValue: FAKE_KEY }],
        },
      ],
      NextToken: 'n2',
    });
    cfn.on(DescribeStacksCommand, { NextToken: 'n2' }).resolves({ Stacks: [{ ...base, StackName: 'net', StackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/net/2' }] });
    const out = assertSlice('cloudformation', await cloudformationCollector.collect(testContext()));
    assert.deepEqual(out.stacks, {
      ok: true,
      value: [
        {
          stackName: 'app',
          stackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/app/1',
          secrets: [
            { name: 'DbPassword', ruleIds: ['secret-name'], location: 'Parameters' },
            { name: 'DeployKey', ruleIds: ['aws-access-key-id'], location: 'Outputs' },
          ],
        },
        { stackName: 'net', stackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/net/2', secrets: [] },
      ],
    });
    assert.ok(!JSON.stringify(out).includes('hunter2') && !JSON.stringify(out).includes(FAKE_KEY.slice(4)));
  });

  it('records a denied DescribeStacks', async () => {
    cfn.on(DescribeStacksCommand).rejects(awsError('AccessDenied', 'not authorized', 403));
    const out = assertSlice('cloudformation', await cloudformationCollector.collect(testContext()));
    assert.ok(!out.stacks.ok);
    assert.deepEqual([out.stacks.error.code, out.stacks.error.operation], ['AccessDenied', 'cloudformation:DescribeStacks']);
  });
});
