import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { distribution, loadBalancer } from '../../services/edge/fixtures.ts';
import type { AccountBuilder } from '../../inventory/fixtures.ts';
import { shieldProtections } from '../../services/shield/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './shield-advanced.ts';

const REQUIRED = { required: true };
const alb = loadBalancer('web');
const nlb = loadBalancer('tcp', { type: 'network' });
const inner = loadBalancer('inner', { scheme: 'internal' });
const cf = distribution('E1');
const active = (a: AccountBuilder, arns: string[]) => a.set('shield.subscriptionState', 'ACTIVE').set('shield.protections', shieldProtections(arns));

testCheck(check, {
  pass: [
    {
      name: 'active, every internet-facing ALB/NLB and distribution protected; internal ALB not judged',
      options: REQUIRED,
      snapshot: singleAccount((a) =>
        active(a, [alb.arn, nlb.arn, cf.arn])
          .inRegion('us-east-1', (r) => r.set('edge.loadBalancers', [alb, nlb, inner]))
          .set('cloudfront.distributions', [cf]),
      ),
      resources: ['web', 'tcp', 'E1', '111111111111'],
      verify: (results) => assert.deepEqual(results.find((r) => r.resource.id === '111111111111')?.evidence?.notJudged, ['Route 53 hosted zones', 'Elastic IPs', 'Global Accelerators', 'Classic Load Balancers']),
    },
  ],
  fail: [
    { name: 'required but not subscribed', options: REQUIRED, snapshot: singleAccount(), resources: ['111111111111'] },
    {
      name: 'active, but an ALB and a distribution unprotected',
      options: REQUIRED,
      snapshot: singleAccount((a) => active(a, []).inRegion('eu-west-1', (r) => r.set('edge.loadBalancers', [loadBalancer('shop', { region: 'eu-west-1' })])).set('cloudfront.distributions', [cf])),
      resources: ['shop', 'E1'],
    },
  ],
  error: [
    {
      name: 'nothing of the account could be collected (Region list unreadable), even where the option leaves the check off',
      snapshot: singleAccount((a) => a.fail('regions', 'AccessDenied', 'sts:AssumeRole')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
    {
      name: 'subscription state unreadable',
      options: REQUIRED,
      snapshot: singleAccount((a) => a.fail('shield.subscriptionState', 'Unsupported', 'shield:GetSubscriptionState')),
      code: 'Unsupported',
      resources: ['111111111111'],
    },
    {
      name: 'load balancers unreadable in one Region',
      options: REQUIRED,
      snapshot: singleAccount((a) => active(a, []).inRegion('eu-west-1', (r) => r.fail('edge.loadBalancers', 'AccessDenied', 'elasticloadbalancing:DescribeLoadBalancers'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'DDoS tier not required (the default)', snapshot: singleAccount(), resources: ['111111111111'] }],
});
