import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { distribution, loadBalancer, restApi } from '../../services/edge/fixtures.ts';
import { webAcl } from '../../services/wafv2/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './waf-on-internet-facing.ts';

const web = loadBalancer('web');
const internal = loadBalancer('inner', { scheme: 'internal' });
const nlb = loadBalancer('tcp', { type: 'network' });

testCheck(check, {
  pass: [
    {
      name: 'protected ALB, REST stage with a web ACL, CloudFront with a web ACL; internal ALB, NLB and private API not judged',
      snapshot: singleAccount((a) =>
        a
          .inRegion('us-east-1', (r) =>
            r
              .set('edge.loadBalancers', [web, internal, nlb])
              .set('wafv2.webAcls', [webAcl('main', { protects: [web.arn] })])
              .set('edge.restApis', [
                restApi('api1', { stages: { ok: true, value: [{ stageName: 'prod', webAclArn: 'arn:aws:wafv2:us-east-1:111111111111:regional/webacl/main/main-id', accessLogDestinationArn: null }] } }),
                restApi('priv', { endpointTypes: ['PRIVATE'] }),
              ]),
          )
          .set('cloudfront.distributions', [distribution('E1', { webAclId: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/cf/1' }), distribution('E2', { enabled: false })]),
      ),
      resources: ['web', 'api1/prod', 'E1'],
      verify: (results) => {
        assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable');
        assert.equal(results.find((r) => r.resource.id === 'E2')?.status, 'not_applicable');
      },
    },
  ],
  fail: [
    {
      name: 'an unprotected ALB, an EDGE REST stage without ACL, a CloudFront distribution without ACL',
      snapshot: singleAccount((a) =>
        a
          .inRegion('eu-west-1', (r) => r.set('edge.loadBalancers', [loadBalancer('shop', { region: 'eu-west-1' })]).set('wafv2.webAcls', [webAcl('other', { region: 'eu-west-1' })]).set('edge.restApis', [restApi('edgeapi', { endpointTypes: ['EDGE'] })]))
          .set('cloudfront.distributions', [distribution('E9')]),
      ),
      resources: ['shop', 'edgeapi/prod', 'E9'],
      verify: (results) => {
        const shop = results.find((r) => r.resource.id === 'shop');
        assert.equal(remediationOf(check, shop).cli, `aws wafv2 associate-web-acl --web-acl-arn <web-acl-arn> --resource-arn ${shop?.resource.arn} --region eu-west-1`);
        assert.match(remediationOf(check, results.find((r) => r.resource.id === 'E9')).cli ?? '', /update-distribution --id E9/);
      },
    },
  ],
  error: [
    {
      name: 'web ACLs unreadable: the ALB is undecided; distributions unreadable',
      snapshot: singleAccount((a) =>
        a
          .inRegion('us-east-1', (r) => r.set('edge.loadBalancers', [web]).fail('wafv2.webAcls', 'AccessDenied', 'wafv2:ListWebACLs'))
          .fail('cloudfront.distributions', 'AccessDenied', 'cloudfront:ListDistributions'),
      ),
      code: 'AccessDenied',
      resources: ['web', '111111111111'],
    },
    {
      name: 'one ACL\'s resources unreadable and no other ACL protects the ALB',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('edge.loadBalancers', [web]).set('wafv2.webAcls', [webAcl('x', { loadBalancerArns: { ok: false, error: { code: 'Throttled', operation: 'wafv2:ListResourcesForWebACL', message: 'slow down' } } })])),
      ),
      code: 'Throttled',
      resources: ['web'],
    },
    {
      name: 'load balancers unreadable (emulator without ELBv2)',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('edge.loadBalancers', 'Unsupported', 'elasticloadbalancing:DescribeLoadBalancers'))),
      code: 'Unsupported',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'nothing at the edge', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
