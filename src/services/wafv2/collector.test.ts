// Unit tests for the WAFv2 collectors, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetLoggingConfigurationCommand, ListResourcesForWebACLCommand, ListWebACLsCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { wafv2CloudfrontSchema, wafv2Schema } from './schema.ts';
import { wafv2CloudfrontCollector, wafv2Collector } from './collector.ts';

const waf = mockClient(WAFV2Client);
const arn = (n: string) => `arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/${n}/${n}-id`;
const summary = (n: string) => ({ Name: n, Id: `${n}-id`, ARN: arn(n) });

describe('wafv2 collector', () => {
  beforeEach(() => waf.reset());
  afterEach(() => waf.reset());

  it('lists REGIONAL web ACLs across pages with logging and protected load balancers; no logging is null', async () => {
    waf.on(ListWebACLsCommand, { Scope: 'REGIONAL' }).resolves({ WebACLs: [summary('a')], NextMarker: 'm2' });
    waf.on(ListWebACLsCommand, { Scope: 'REGIONAL', NextMarker: 'm2' }).resolves({ WebACLs: [summary('b')], NextMarker: 'm3' });
    waf.on(ListWebACLsCommand, { Scope: 'REGIONAL', NextMarker: 'm3' }).resolves({ WebACLs: [] });
    waf.on(GetLoggingConfigurationCommand, { ResourceArn: arn('a') }).resolves({ LoggingConfiguration: { ResourceArn: arn('a'), LogDestinationConfigs: ['arn:aws:s3:::aws-waf-logs-central'] } });
    waf.on(GetLoggingConfigurationCommand, { ResourceArn: arn('b') }).rejects(awsError('WAFNonexistentItemException', 'no logging'));
    waf.on(ListResourcesForWebACLCommand, { WebACLArn: arn('a') }).resolves({ ResourceArns: ['arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/web/1'] });
    waf.on(ListResourcesForWebACLCommand, { WebACLArn: arn('b') }).rejects(awsError('AccessDeniedException', 'no', 403));
    const out = wafv2Schema.parse(await wafv2Collector.collect(testContext()));
    assert.ok(out.webAcls.ok);
    assert.deepEqual(out.webAcls.value[0], {
      name: 'a',
      id: 'a-id',
      arn: arn('a'),
      scope: 'REGIONAL',
      logging: { ok: true, value: { destinations: ['arn:aws:s3:::aws-waf-logs-central'] } },
      loadBalancerArns: { ok: true, value: ['arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/web/1'] },
    });
    assert.deepEqual(out.webAcls.value[1]?.logging, { ok: true, value: null });
    const b = out.webAcls.value[1]?.loadBalancerArns;
    assert.equal(b?.ok === false && b.error.operation, 'wafv2:ListResourcesForWebACL');
  });

  it('records a refused list and an endpoint without WAFv2 (HTML 500) as errors', async () => {
    waf.on(ListWebACLsCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const denied = wafv2Schema.parse(await wafv2Collector.collect(testContext()));
    assert.equal(denied.webAcls.ok === false && denied.webAcls.error.code, 'AccessDenied');
    waf.reset();
    waf.on(ListWebACLsCommand).rejects(htmlServerError());
    const unsupported = wafv2Schema.parse(await wafv2Collector.collect(testContext()));
    assert.equal(unsupported.webAcls.ok === false && unsupported.webAcls.error.code, 'Unsupported');
  });

  it('the CLOUDFRONT collector asks for CLOUDFRONT scope and no load-balancer list', async () => {
    waf.on(ListWebACLsCommand, { Scope: 'CLOUDFRONT' }).resolves({ WebACLs: [{ Name: 'cf', Id: 'cf-id', ARN: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/cf/cf-id' }] });
    waf.on(GetLoggingConfigurationCommand).rejects(awsError('WAFNonexistentItemException', 'none'));
    const out = wafv2CloudfrontSchema.parse(await wafv2CloudfrontCollector.collect(testContext()));
    assert.ok(out.webAcls.ok);
    assert.equal(out.webAcls.value[0]?.scope, 'CLOUDFRONT');
    assert.deepEqual(out.webAcls.value[0]?.loadBalancerArns, { ok: true, value: null });
    assert.equal(waf.commandCalls(ListResourcesForWebACLCommand).length, 0);
  });
});
