// Unit tests for the EC2 user-data collector, with the SDK mocked: verdicts only (never the user data), the
// state filter, pagination, undecodable data and errors recorded as data.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DescribeInstanceAttributeCommand, DescribeInstancesCommand, DescribeLaunchTemplateVersionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { ec2UserDataCollector } from './collector.ts';

const ec2 = mockClient(EC2Client);
const FAKE_KEY = ['AKIA', 'P4Q8R2S6T0U3V7W1'].join('');
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('ec2 user-data collector', () => {
  beforeEach(() => ec2.reset());
  afterEach(() => ec2.reset());

  it('scans each instance and template version, keeps verdicts only, and pages through both listings', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Name: 'running' } }] }], NextToken: 't2' });
    ec2.on(DescribeInstancesCommand, { NextToken: 't2' }).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-2', State: { Name: 'stopped' } }] }] });
    ec2.on(DescribeInstanceAttributeCommand, { InstanceId: 'i-1' }).resolves({ UserData: { Value: b64(`#!/bin/sh\nexport AWS_ACCESS_KEY_ID=${FAKE_KEY}\n`) } });
    ec2.on(DescribeInstanceAttributeCommand, { InstanceId: 'i-2' }).resolves({ UserData: {} });
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({
      LaunchTemplateVersions: [
        { LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', VersionNumber: 3, DefaultVersion: false, LaunchTemplateData: { UserData: gzipSync(Buffer.from('DB_PASSWORD=hunter2\n')).toString('base64') } },
      ],
      NextToken: 'v2',
    });
    ec2.on(DescribeLaunchTemplateVersionsCommand, { NextToken: 'v2' }).resolves({
      LaunchTemplateVersions: [{ LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { UserData: b64('echo hi\n') } }],
    });

    const out = assertSlice('ec2UserData', await ec2UserDataCollector.collect(testContext()));
    assert.deepEqual(out.instances, {
      ok: true,
      value: [
        { instanceId: 'i-1', state: 'running', userDataSecrets: { ok: true, value: [{ name: 'AWS_ACCESS_KEY_ID', ruleIds: ['aws-access-key-id'], location: 'user data line 2' }] } },
        { instanceId: 'i-2', state: 'stopped', userDataSecrets: { ok: true, value: null } },
      ],
    });
    assert.deepEqual(out.launchTemplateVersions, {
      ok: true,
      value: [
        { launchTemplateId: 'lt-1', launchTemplateName: 'web', versionNumber: 3, isDefault: false, isLatest: true, userDataSecrets: { ok: true, value: [{ name: 'DB_PASSWORD', ruleIds: ['secret-name'], location: 'user data line 1' }] } },
        { launchTemplateId: 'lt-1', launchTemplateName: 'web', versionNumber: 1, isDefault: true, isLatest: false, userDataSecrets: { ok: true, value: [] } },
      ],
    });
    const text = JSON.stringify(out);
    assert.ok(!text.includes(FAKE_KEY.slice(4)) && !text.includes('hunter2'), 'no user data in the snapshot');
    // terminated instances are filtered by the call, not fetched
    assert.deepEqual(ec2.commandCalls(DescribeInstancesCommand)[0]?.args[0].input.Filters, [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }]);
    assert.deepEqual(ec2.commandCalls(DescribeLaunchTemplateVersionsCommand)[0]?.args[0].input.Versions, ['$Latest', '$Default']);
  });

  it('records undecodable user data as a ParseError and a denied attribute read as AccessDenied, per instance', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-bad', State: { Name: 'running' } }, { InstanceId: 'i-denied', State: { Name: 'running' } }] }] });
    ec2.on(DescribeInstanceAttributeCommand, { InstanceId: 'i-bad' }).resolves({ UserData: { Value: Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('junk')]).toString('base64') } });
    ec2.on(DescribeInstanceAttributeCommand, { InstanceId: 'i-denied' }).rejects(awsError('UnauthorizedOperation', 'not authorized', 403));
    ec2.on(DescribeLaunchTemplateVersionsCommand).rejects(htmlServerError());
    const out = assertSlice('ec2UserData', await ec2UserDataCollector.collect(testContext()));
    assert.ok(out.instances.ok);
    const [bad, denied] = out.instances.value;
    assert.ok(bad && !bad.userDataSecrets.ok && denied && !denied.userDataSecrets.ok);
    assert.deepEqual([bad.userDataSecrets.error.code, bad.userDataSecrets.error.operation], ['ParseError', 'ec2:DescribeInstanceAttribute']);
    assert.deepEqual([denied.userDataSecrets.error.code, denied.userDataSecrets.error.operation], ['AccessDenied', 'ec2:DescribeInstanceAttribute']);
    assert.ok(!out.launchTemplateVersions.ok);
    assert.deepEqual([out.launchTemplateVersions.error.code, out.launchTemplateVersions.error.operation], ['Unsupported', 'ec2:DescribeLaunchTemplateVersions']);
  });

  it('records a denied DescribeInstances without per-instance calls', async () => {
    ec2.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 'not authorized', 403));
    ec2.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [] });
    const out = assertSlice('ec2UserData', await ec2UserDataCollector.collect(testContext()));
    assert.ok(!out.instances.ok);
    assert.equal(out.instances.error.operation, 'ec2:DescribeInstances');
    assert.deepEqual(out.launchTemplateVersions, { ok: true, value: [] });
    assert.equal(ec2.commandCalls(DescribeInstanceAttributeCommand).length, 0);
  });
});
