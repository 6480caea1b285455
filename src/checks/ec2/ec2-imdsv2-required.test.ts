import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './ec2-imdsv2-required.ts';

testCheck(check, {
  pass: [
    {
      name: 'IMDSv2 required; terminated instances are ignored',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.instance('i-good').instance('i-gone', { state: 'terminated', httpTokens: 'optional' })),
      ),
      resources: ['i-good'],
      verify: (results) => assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable'),
    },
    {
      name: 'launch template requiring IMDSv2 in its $Default and $Latest versions',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.launchTemplate('lt-0good', [{ version: 1 }, { version: 4 }], { name: 'web' }))),
      resources: ['lt-0good:1', 'lt-0good:4'],
      verify: (results) => {
        const latest = results.find((r) => r.resource.id === 'lt-0good:4');
        assert.equal(latest?.resource.type, 'AwsEc2LaunchTemplate');
        assert.match(latest?.message ?? '', /web \(lt-0good\) version 4 \(\$Latest\) requires IMDSv2/);
        // a Region with templates but no instances is judged, not not_applicable
        assert.equal(results.filter((r) => r.region === 'us-east-1' && r.status === 'not_applicable').length, 0);
      },
    },
    {
      name: 'launch template with the metadata endpoint disabled',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.launchTemplate('lt-0off', [{ version: 2, httpTokens: 'optional', httpEndpoint: 'disabled' }]))),
      resources: ['lt-0off:2'],
      verify: (results) => assert.match(results.find((r) => r.resource.id === 'lt-0off:2')?.message ?? '', /\$Default and \$Latest/),
    },
    {
      name: 'metadata endpoint disabled (tokens optional does not matter)',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.instance('i-off', { httpTokens: 'optional', httpEndpoint: 'disabled' }))),
      resources: ['i-off'],
    },
  ],
  fail: [
    {
      name: 'running instance accepts IMDSv1',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.instance('i-v1', { httpTokens: 'optional' }).instance('i-good'))),
      resources: ['i-v1'],
      verify: (results) => {
        assert.equal(results.find((r) => r.resource.id === 'i-good')?.status, 'pass');
        // only the instance command, with its id: the launch-template lines are for template findings
        assert.equal(
          remediationOf(check, results.find((r) => r.resource.id === 'i-v1')).cli,
          'aws ec2 modify-instance-metadata-options --instance-id i-v1 --http-tokens required --http-endpoint enabled --region us-east-1',
        );
      },
    },
    {
      name: 'stopped instances count too',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.instance('i-stopped', { state: 'stopped', httpTokens: 'optional' }))),
      resources: ['i-stopped'],
      verify: (results) => assert.match(results.find((r) => r.status === 'fail')?.message ?? '', /stopped instance i-stopped/),
    },
    {
      name: 'launch template whose $Default version accepts IMDSv1 (the $Latest one is fixed)',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.launchTemplate('lt-0mixed', [{ version: 1, httpTokens: 'optional' }, { version: 2, httpTokens: 'required' }])),
      ),
      resources: ['lt-0mixed:1'],
      verify: (results) => {
        assert.equal(results.find((r) => r.resource.id === 'lt-0mixed:2')?.status, 'pass');
        const f = results.find((r) => r.status === 'fail');
        assert.equal(f?.resource.type, 'AwsEc2LaunchTemplate');
        assert.match(f?.resource.arn ?? '', /^arn:aws:ec2:us-east-1:111111111111:launch-template\/lt-0mixed$/);
        assert.match(f?.message ?? '', /version 1 \(\$Default\) does not require IMDSv2: it sets HttpTokens optional/);
        const cli = remediationOf(check, f).cli ?? '';
        assert.match(cli, /create-launch-template-version --launch-template-id lt-0mixed --source-version 1 .* --region us-east-1/);
        assert.doesNotMatch(cli, /modify-instance-metadata-options/);
      },
    },
    {
      name: 'launch template without MetadataOptions falls back to the account/AMI default: not a pass',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.launchTemplate('lt-0bare', [{ version: 3, httpTokens: null }]))),
      resources: ['lt-0bare:3'],
      verify: (results) => {
        const f = results.find((r) => r.status === 'fail');
        assert.match(f?.message ?? '', /does not require IMDSv2: it sets no metadata options/);
        assert.equal(f?.evidence?.httpTokens, null);
      },
    },
    {
      name: 'launch template with MetadataOptions but no HttpTokens',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.launchTemplate('lt-0hop', [{ version: 1, httpTokens: null, httpEndpoint: 'enabled' }]))),
      resources: ['lt-0hop:1'],
      verify: (results) => assert.match(results.find((r) => r.status === 'fail')?.message ?? '', /without HttpTokens/),
    },
  ],
  error: [
    {
      name: 'DescribeLaunchTemplates denied in one Region; its instances are still judged',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) => r.instance('i-good').fail('ec2.launchTemplates', 'AccessDenied', 'ec2:DescribeLaunchTemplates')),
      ),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'i-good')?.status, 'pass'),
    },
    {
      name: 'a launch template listed without its $Default/$Latest version',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.launchTemplate('lt-0gone', []))),
      code: 'ParseError',
      resources: ['lt-0gone:$Default'],
    },
    {
      name: 'DescribeInstances denied in one Region',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) => r.fail('ec2.instances', 'AccessDenied', 'ec2:DescribeInstances')).inRegion('us-east-1', (r) => r.instance('i-good')),
      ),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
      verify: (results) => assert.equal(results.find((r) => r.resource.id === 'i-good')?.status, 'pass'),
    },
    {
      name: 'no MetadataOptions returned',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.instance('i-unknown', { metadataOptions: null }))),
      code: 'ParseError',
      resources: ['i-unknown'],
    },
  ],
  notApplicable: [
    { name: 'no instances', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('ec2.instances', 'AccessDenied', 'ec2:DescribeInstances'))),
      resources: ['eu-west-1', 'us-east-1'],
    },
    {
      name: 'Region listed in regions.denied for instances and launch templates alike: one not_applicable',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.fail('ec2.instances', 'AccessDenied', 'ec2:DescribeInstances').fail('ec2.launchTemplates', 'AccessDenied', 'ec2:DescribeLaunchTemplates'),
        ),
      ),
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => assert.equal(results.filter((r) => r.region === 'eu-west-1').length, 1),
    },
  ],
});
