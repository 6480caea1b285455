import assert from 'node:assert/strict';
import { ok } from '../../inventory/collected.ts';
import { singleAccount } from '../../inventory/fixtures.ts';
import { loadBalancer } from '../../services/edge/fixtures.ts';
import { webAcl } from '../../services/wafv2/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './edge-logs-centralized.ts';

const ARCHIVE = { logArchiveBucket: 'log-archive-elb' };

testCheck(check, {
  pass: [
    {
      name: 'logging web ACLs (regional and CloudFront) and load balancers logging to the archive; gateway LB not judged',
      options: ARCHIVE,
      snapshot: singleAccount((a) =>
        a
          .inRegion('us-east-1', (r) => r.set('wafv2.webAcls', [webAcl('main')]).set('edge.loadBalancers', [loadBalancer('web'), loadBalancer('tcp', { type: 'network', scheme: 'internal' }), loadBalancer('gw', { type: 'gateway', accessLogs: ok({ enabled: false, bucket: null, prefix: null }) })]))
          .set('wafv2Cloudfront.webAcls', [webAcl('cf', { scope: 'CLOUDFRONT' })]),
      ),
      resources: ['main', 'web', 'tcp', 'cf'],
      verify: (results) => assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable'),
    },
    {
      name: 'no Log Archive bucket configured: any bucket passes',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('edge.loadBalancers', [loadBalancer('web', { accessLogs: ok({ enabled: true, bucket: 'local-logs', prefix: null }) })]))),
      resources: ['web'],
    },
  ],
  fail: [
    {
      name: 'a web ACL without logging, a load balancer without access logs, a CloudFront ACL without logging',
      options: ARCHIVE,
      snapshot: singleAccount((a) =>
        a
          .inRegion('eu-west-1', (r) =>
            r.set('wafv2.webAcls', [webAcl('quiet', { region: 'eu-west-1', logging: ok(null) })]).set('edge.loadBalancers', [loadBalancer('shop', { region: 'eu-west-1', accessLogs: ok({ enabled: false, bucket: null, prefix: null }) })]),
          )
          .set('wafv2Cloudfront.webAcls', [webAcl('cfq', { scope: 'CLOUDFRONT', logging: ok(null) })]),
      ),
      resources: ['quiet', 'shop', 'cfq'],
      verify: (results) => {
        const shop = results.find((r) => r.resource.id === 'shop');
        assert.equal(
          remediationOf(check, shop).cli,
          `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ${shop?.resource.arn} --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=log-archive-elb --region eu-west-1`,
        );
        assert.match(remediationOf(check, results.find((r) => r.resource.id === 'cfq')).cli ?? '', /--region us-east-1$/);
      },
    },
  ],
  warn: [
    {
      name: 'access logs to a bucket that is not the Log Archive',
      options: ARCHIVE,
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('edge.loadBalancers', [loadBalancer('web', { accessLogs: ok({ enabled: true, bucket: 'team-bucket', prefix: 'alb' }) })]))),
      resources: ['web'],
    },
  ],
  error: [
    {
      name: 'attributes unreadable for one load balancer; web ACLs unreadable in the other Region',
      snapshot: singleAccount((a) =>
        a
          .inRegion('us-east-1', (r) => r.set('edge.loadBalancers', [loadBalancer('web', { accessLogs: { ok: false, error: { code: 'AccessDenied', operation: 'elasticloadbalancing:DescribeLoadBalancerAttributes', message: 'no' } } })]))
          .inRegion('eu-west-1', (r) => r.fail('wafv2.webAcls', 'AccessDenied', 'wafv2:ListWebACLs')),
      ),
      code: 'AccessDenied',
      resources: ['web', 'eu-west-1'],
    },
    {
      name: 'CLOUDFRONT web ACLs unreadable',
      snapshot: singleAccount((a) => a.fail('wafv2Cloudfront.webAcls', 'Unsupported', 'wafv2:ListWebACLs')),
      code: 'Unsupported',
      resources: ['111111111111'],
    },
  ],
});

assert.deepEqual(check.optionProblems?.({ logArchiveBucket: 'Not_A_Bucket' }), ['logArchiveBucket: "Not_A_Bucket" is not an S3 bucket name']);
