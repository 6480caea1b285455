// Unit tests for the Auto Scaling collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { AutoScalingClient, DescribeLaunchConfigurationsCommand, type LaunchConfiguration as SdkLaunchConfiguration } from '@aws-sdk/client-auto-scaling';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { autoscalingCollector } from './collector.ts';

const asg = mockClient(AutoScalingClient);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const arn = (name: string) => `arn:aws:autoscaling:eu-west-1:111111111111:launchConfiguration:uuid-${name}:launchConfigurationName/${name}`;
const lc = (name: string, UserData?: string): SdkLaunchConfiguration => ({
  LaunchConfigurationName: name,
  LaunchConfigurationARN: arn(name),
  ImageId: 'ami-1',
  InstanceType: 't3.micro',
  CreatedTime: new Date(0),
  ...(UserData === undefined ? {} : { UserData }),
});
const FAKE_KEY = ['AKIA', 'ZZTESTONLY000042'].join('');

describe('autoscaling collector', () => {
  beforeEach(() => asg.reset());
  afterEach(() => asg.reset());

  it('pages through launch configurations and keeps only the verdicts on their user data (plain, gzip, MIME, none)', async () => {
    const mime = [
      'Content-Type: multipart/mixed; boundary="XX"',
      'MIME-Version: 1.0',
      '',
      '--XX',
      'Content-Type: text/cloud-config',
      '',
      'packages: [nginx]',
      '--XX',
      'Content-Type: text/x-shellscript',
      '',
      '#!/bin/sh',
      'API_TOKEN=hunter2hunter2',
      '--XX--',
      '',
    ].join('\n');
    asg.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [lc('plain', b64(`#!/bin/sh\nexport AWS_ACCESS_KEY_ID=${FAKE_KEY}\n`)), lc('gz', gzipSync(Buffer.from('DB_PASSWORD=hunter2\n')).toString('base64'))], NextToken: 'p2' });
    asg.on(DescribeLaunchConfigurationsCommand, { NextToken: 'p2' }).resolves({ LaunchConfigurations: [lc('mime', b64(mime)), lc('clean', b64('echo hi\n')), lc('none')] });
    const out = assertSlice('autoscaling', await autoscalingCollector.collect(testContext()));
    assert.ok(out.launchConfigurations.ok);
    const byName = Object.fromEntries(out.launchConfigurations.value.map((c) => [c.name, c]));
    assert.deepEqual(Object.keys(byName), ['plain', 'gz', 'mime', 'clean', 'none']);
    assert.equal(byName.plain?.arn, arn('plain'));
    assert.deepEqual(byName.plain?.userDataSecrets, { ok: true, value: [{ name: 'AWS_ACCESS_KEY_ID', ruleIds: ['aws-access-key-id'], location: 'user data line 2' }] });
    assert.deepEqual(byName.gz?.userDataSecrets, { ok: true, value: [{ name: 'DB_PASSWORD', ruleIds: ['secret-name'], location: 'user data line 1' }] });
    assert.ok(byName.mime?.userDataSecrets.ok);
    assert.deepEqual(byName.mime.userDataSecrets.value?.map((m) => [m.name, m.location]), [['API_TOKEN', 'user data part 2 line 2']]);
    assert.deepEqual(byName.clean?.userDataSecrets, { ok: true, value: [] });
    assert.deepEqual(byName.none?.userDataSecrets, { ok: true, value: null });
    const text = JSON.stringify(out);
    assert.ok(!text.includes(FAKE_KEY.slice(4)) && !text.includes('hunter2'), 'no user data in the snapshot');
    assert.equal(asg.commandCalls(DescribeLaunchConfigurationsCommand).length, 2);
  });

  it('records undecodable user data on that configuration only, and a denied listing as data', async () => {
    asg.on(DescribeLaunchConfigurationsCommand).resolves({ LaunchConfigurations: [lc('bad', Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('junk')]).toString('base64')), lc('good', b64('echo hi\n'))] });
    const out = assertSlice('autoscaling', await autoscalingCollector.collect(testContext()));
    assert.ok(out.launchConfigurations.ok);
    const [bad, good] = out.launchConfigurations.value;
    assert.ok(bad && !bad.userDataSecrets.ok);
    assert.deepEqual([bad.userDataSecrets.error.code, bad.userDataSecrets.error.operation], ['ParseError', 'autoscaling:DescribeLaunchConfigurations']);
    assert.deepEqual(good?.userDataSecrets, { ok: true, value: [] });

    asg.reset();
    asg.on(DescribeLaunchConfigurationsCommand).rejects(awsError('AccessDenied', 'not authorized', 403));
    const denied = assertSlice('autoscaling', await autoscalingCollector.collect(testContext()));
    assert.ok(!denied.launchConfigurations.ok);
    assert.deepEqual([denied.launchConfigurations.error.code, denied.launchConfigurations.error.operation], ['AccessDenied', 'autoscaling:DescribeLaunchConfigurations']);
  });
});
