import assert from 'node:assert/strict';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import type { ConfigAggregator } from '../../services/config/schema.ts';
import { testCheck } from '../tester.ts';
import check from './config-org-aggregator.ts';

const AUDIT = '333333333333';
const aggregator = (allAwsRegions: boolean | null): ConfigAggregator => ({
  name: 'org',
  arn: `arn:aws:config:us-east-1:${AUDIT}:config-aggregator/config-aggregator-1`,
  organizationSource: allAwsRegions === null ? null : { allAwsRegions, awsRegions: allAwsRegions ? [] : ['us-east-1'], roleArn: `arn:aws:iam::${AUDIT}:role/agg` },
  accountSourceIds: allAwsRegions === null ? ['222222222222'] : [],
});
const org = (agg: ConfigAggregator | null, opts: { delegate?: boolean; failAudit?: boolean } = {}) =>
  snapshot()
    .account('111111111111', (a) => a.set('organizations.delegatedAdministrators', opts.delegate === false ? [] : [{ accountId: AUDIT, servicePrincipals: ['config.amazonaws.com', 'guardduty.amazonaws.com'] }]))
    .account(AUDIT, (a) => {
      a.memberOf('111111111111');
      if (agg) a.inRegion('us-east-1', (r) => r.set('config.aggregators', [agg]));
      if (opts.failAudit) a.inRegion('eu-west-1', (r) => r.fail('config.aggregators', 'AccessDenied', 'config:DescribeConfigurationAggregators'));
    })
    .build();

testCheck(check, {
  pass: [
    {
      name: 'all-Regions organization aggregator in the delegated administrator, judged once',
      snapshot: org(aggregator(true)),
      resources: [AUDIT],
      verify: (results) => {
        assert.equal(results.length, 1);
        assert.equal(results[0]?.region, 'us-east-1');
      },
    },
    { name: 'an unreadable Region does not matter once the aggregator is found', snapshot: org(aggregator(true), { failAudit: true }), resources: [AUDIT] },
  ],
  fail: [
    { name: 'no delegated administrator', snapshot: org(aggregator(true), { delegate: false }), resources: ['o-exampleorg1'] },
    { name: 'organization aggregator limited to some Regions', snapshot: org(aggregator(false)), resources: [AUDIT], verify: (r) => assert.match(r[0]?.message ?? '', /none covers all Regions/) },
    { name: 'account-based aggregator only', snapshot: org(aggregator(null)), resources: [AUDIT] },
  ],
  error: [
    { name: 'the delegated administrator is not in the scan', snapshot: singleAccount((a) => a.set('organizations.delegatedAdministrators', [{ accountId: AUDIT, servicePrincipals: ['config.amazonaws.com'] }])), code: 'NotCollected', resources: [AUDIT] },
    { name: 'aggregators unreadable in a Region of the administrator', snapshot: org(null, { failAudit: true }), code: 'AccessDenied', resources: [AUDIT] },
    {
      name: 'member-only scan cannot read the delegated administrators',
      snapshot: singleAccount((a) => a.memberOf('999999999999'), { accountId: '222222222222' }),
      code: 'AccessDenied',
      resources: ['222222222222'],
      verify: (r) => assert.match(r[0]?.message ?? '', /scan from the management account 999999999999/),
    },
  ],
  notApplicable: [{ name: 'standalone account', snapshot: singleAccount((a) => a.noOrganization()), resources: ['111111111111'] }],
});
