import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './config-rule-restricted-ssh.ts';

const rule = (name: string, sourceIdentifier: string | null, opts: { owner?: string; state?: string } = {}) => ({
  name,
  arn: `arn:aws:config:us-east-1:111111111111:config-rule/config-rule-${name}`,
  state: opts.state ?? 'ACTIVE',
  owner: opts.owner ?? 'AWS',
  sourceIdentifier,
});
const ssh = rule('restricted-ssh', 'INCOMING_SSH_DISABLED');

testCheck(check, {
  pass: [
    {
      name: 'restricted-ssh in both Regions, with an automatic remediation in one',
      snapshot: singleAccount((a) =>
        a
          .everyRegion((r) => r.set('config.rules', [ssh]))
          .inRegion('us-east-1', (r) => r.set('config.remediations', [{ configRuleName: 'restricted-ssh', targetId: 'AWS-DisableIncomingSSHOnPort22', automatic: true }])),
      ),
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => {
        assert.match(results.find((r) => r.region === 'us-east-1')?.message ?? '', /AWS-DisableIncomingSSHOnPort22 \(automatic\)/);
        assert.match(results.find((r) => r.region === 'eu-west-1')?.message ?? '', /no remediation attached/);
      },
    },
    {
      name: 'the broader authorized-ports rule counts; an unreadable remediation list only leaves the note open',
      snapshot: singleAccount((a) =>
        a.everyRegion((r) => r.set('config.rules', [rule('sg-ports', 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS')]).fail('config.remediations', 'AccessDenied', 'config:DescribeRemediationConfigurations')),
      ),
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => assert.match(results[0]?.message ?? '', /remediation is attached is unknown/),
    },
  ],
  fail: [
    { name: 'no Config rules at all (the baseline)', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'a custom rule of the same name, or a managed rule being deleted, does not count',
      snapshot: singleAccount((a) =>
        a.everyRegion((r) => r.set('config.rules', [rule('restricted-ssh', 'arn:aws:lambda:us-east-1:111111111111:function:x', { owner: 'CUSTOM_LAMBDA' }), rule('old', 'INCOMING_SSH_DISABLED', { state: 'DELETING' })])),
      ),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
  error: [
    {
      name: 'rule list denied in one Region',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.set('config.rules', [ssh])).inRegion('eu-west-1', (r) => r.fail('config.rules', 'AccessDenied', 'config:DescribeConfigRules'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [
    {
      name: 'rule list refused in a Region listed in regions.denied',
      deniedRegions: [{ region: 'eu-west-1', source: 'rampart.yml:3' }],
      snapshot: singleAccount((a) => a.everyRegion((r) => r.set('config.rules', [ssh])).inRegion('eu-west-1', (r) => r.fail('config.rules', 'AccessDenied', 'config:DescribeConfigRules'))),
      resources: ['eu-west-1'],
    },
  ],
});
