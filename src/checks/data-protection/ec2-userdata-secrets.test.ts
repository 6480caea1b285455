import assert from 'node:assert/strict';
import { failed } from '../../inventory/collected.ts';
import { collectError, singleAccount } from '../../inventory/fixtures.ts';
import { launchConfiguration } from '../../services/autoscaling/fixtures.ts';
import { userDataInstance, userDataTemplateVersion } from '../../services/ec2-userdata/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './ec2-userdata-secrets.ts';

const keyLine = { name: 'AWS_ACCESS_KEY_ID', ruleIds: ['aws-access-key-id'], location: 'user data line 2' };

testCheck(check, {
  pass: [
    {
      name: 'instances without user data or with clean user data, and a clean launch template',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('ec2UserData.instances', [userDataInstance('i-none', null), userDataInstance('i-clean')]).set('ec2UserData.launchTemplateVersions', [userDataTemplateVersion('lt-0web', 2)]),
        ),
      ),
      resources: ['i-clean', 'i-none', 'lt-0web:2'],
      verify: (results) => assert.match(results.find((r) => r.resource.id === 'i-none')?.message ?? '', /has no user data/),
    },
    {
      name: 'launch configurations with clean user data or none',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('autoscaling.launchConfigurations', [launchConfiguration('web-lc'), launchConfiguration('bare-lc', null)]))),
      resources: ['bare-lc', 'web-lc'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'web-lc')?.message, 'the user data of launch configuration web-lc holds no detectable secret'),
    },
  ],
  fail: [
    {
      name: 'an instance whose user data exports an access key id: named by variable and line',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('ec2UserData.instances', [userDataInstance('i-leak', [keyLine]), userDataInstance('i-clean')]))),
      resources: ['i-leak'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.equal(f?.message, 'the user data of running instance i-leak holds what looks like a secret: AWS_ACCESS_KEY_ID (aws-access-key-id) in user data line 2');
        assert.match(remediationOf(check, f).cli ?? '', /--instance-id i-leak/);
        assert.doesNotMatch(remediationOf(check, f).cli ?? '', /launch-template/);
      },
    },
    {
      name: 'the $Default version of a launch template has a password; the fixed $Latest passes',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('ec2UserData.launchTemplateVersions', [
            userDataTemplateVersion('lt-0app', 1, [{ name: null, ruleIds: ['high-entropy'], location: 'user data part 2 line 5' }], { isLatest: false, launchTemplateName: 'app' }),
            userDataTemplateVersion('lt-0app', 2, [], { isDefault: false, launchTemplateName: 'app' }),
          ]),
        ),
      ),
      resources: ['lt-0app:1'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.equal(f?.resource.type, 'AwsEc2LaunchTemplate');
        assert.match(f?.message ?? '', /launch template app \(lt-0app\) version 1 \(\$Default\) holds .*a value at user data part 2 line 5 \(high-entropy\)/);
        assert.equal(results.find((r) => r.resource.id === 'lt-0app:2')?.status, 'pass');
      },
    },
    {
      name: 'a launch configuration whose user data holds an access key id',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('autoscaling.launchConfigurations', [launchConfiguration('old-lc', [keyLine], { region: 'eu-west-1' }), launchConfiguration('new-lc', [], { region: 'eu-west-1' })]))),
      resources: ['old-lc'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.equal(f?.resource.type, 'AwsAutoScalingLaunchConfiguration');
        assert.match(f?.resource.arn ?? '', /^arn:aws:autoscaling:eu-west-1:111111111111:launchConfiguration:.*launchConfigurationName\/old-lc$/);
        assert.equal(f?.message, 'the user data of launch configuration old-lc holds what looks like a secret: AWS_ACCESS_KEY_ID (aws-access-key-id) in user data line 2');
        assert.match(remediationOf(check, f).cli ?? '', /delete-launch-configuration --launch-configuration-name old-lc --region eu-west-1/);
      },
    },
  ],
  error: [
    {
      name: 'launch-configuration user data that does not decode is an error on that configuration',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('autoscaling.launchConfigurations', [launchConfiguration('bad-lc', [], { userDataSecrets: failed(collectError('ParseError', 'autoscaling:DescribeLaunchConfigurations', 'us-east-1')) }), launchConfiguration('ok-lc')]),
        ),
      ),
      code: 'ParseError',
      resources: ['bad-lc'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'ok-lc')?.status, 'pass'),
    },
    {
      name: 'DescribeLaunchConfigurations denied: an error for the Region, never a pass; instances still judged',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('ec2UserData.instances', [userDataInstance('i-ok')]).fail('autoscaling.launchConfigurations', 'AccessDenied', 'autoscaling:DescribeLaunchConfigurations')),
      ),
      code: 'AccessDenied',
      resources: ['us-east-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'i-ok')?.status, 'pass'),
    },
    {
      name: 'user data that could not be read is an error on that instance',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('ec2UserData.instances', [userDataInstance('i-x', [], { userDataSecrets: failed(collectError('ParseError', 'ec2:DescribeInstanceAttribute', 'us-east-1')) }), userDataInstance('i-ok')]),
        ),
      ),
      code: 'ParseError',
      resources: ['i-x'],
    },
    {
      name: 'launch template versions unreadable in one Region; instances still judged',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) => r.set('ec2UserData.instances', [userDataInstance('i-ok')]).fail('ec2UserData.launchTemplateVersions', 'Unsupported', 'ec2:DescribeLaunchTemplateVersions')),
      ),
      code: 'Unsupported',
      resources: ['eu-west-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'i-ok')?.status, 'pass'),
    },
  ],
  notApplicable: [
    { name: 'no instances or templates', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'a Region closed to every read gets one not_applicable',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r
            .fail('ec2UserData.instances', 'AccessDenied', 'ec2:DescribeInstances')
            .fail('ec2UserData.launchTemplateVersions', 'AccessDenied', 'ec2:DescribeLaunchTemplateVersions')
            .fail('autoscaling.launchConfigurations', 'AccessDenied', 'autoscaling:DescribeLaunchConfigurations'),
        ),
      ),
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => assert.equal(results.filter((r) => r.region === 'eu-west-1').length, 1),
    },
  ],
});
