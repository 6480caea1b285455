// Unit tests for the edge collectors, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { APIGatewayClient, GetRestApisCommand, GetStagesCommand as GetRestStagesCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApisCommand, GetStagesCommand as GetHttpStagesCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudFrontClient, ListDistributionsCommand } from '@aws-sdk/client-cloudfront';
import { DescribeLoadBalancerAttributesCommand, DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { cloudfrontSchema, edgeSchema } from './schema.ts';
import { cloudfrontCollector, edgeCollector } from './collector.ts';

const elb = mockClient(ElasticLoadBalancingV2Client);
const apigw = mockClient(APIGatewayClient);
const apigw2 = mockClient(ApiGatewayV2Client);
const cf = mockClient(CloudFrontClient);
const ALB = 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/web/1';
const NLB = 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/tcp/2';

function reset(): void {
  for (const m of [elb, apigw, apigw2, cf]) m.reset();
}

function empty(): void {
  elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
  apigw.on(GetRestApisCommand).resolves({ items: [] });
  apigw2.on(GetApisCommand).resolves({ Items: [] });
}

describe('edge collector', () => {
  beforeEach(reset);
  afterEach(reset);

  it('reads load balancers with their access-log attributes, REST and HTTP APIs with stages, across pages', async () => {
    empty();
    elb.on(DescribeLoadBalancersCommand).resolves({
      LoadBalancers: [{ LoadBalancerArn: ALB, LoadBalancerName: 'web', Type: 'application', Scheme: 'internet-facing', VpcId: 'vpc-1', SecurityGroups: ['sg-1'] }],
      NextMarker: 'm2',
    });
    elb.on(DescribeLoadBalancersCommand, { Marker: 'm2' }).resolves({ LoadBalancers: [{ LoadBalancerArn: NLB, LoadBalancerName: 'tcp', Type: 'network', Scheme: 'internal' }] });
    elb.on(DescribeLoadBalancerAttributesCommand, { LoadBalancerArn: ALB }).resolves({
      Attributes: [
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: 'log-archive' },
        { Key: 'access_logs.s3.prefix', Value: '' },
      ],
    });
    elb.on(DescribeLoadBalancerAttributesCommand, { LoadBalancerArn: NLB }).resolves({ Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'false' }] });
    apigw.on(GetRestApisCommand).resolves({ items: [{ id: 'a1', name: 'orders', endpointConfiguration: { types: ['REGIONAL'] } }], position: 'p2' });
    apigw.on(GetRestApisCommand, { position: 'p2' }).resolves({ items: [{ id: 'a2' }] });
    apigw.on(GetRestStagesCommand, { restApiId: 'a1' }).resolves({
      item: [{ stageName: 'prod', webAclArn: 'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/x/1', accessLogSettings: { destinationArn: 'arn:aws:logs:eu-west-1:111111111111:log-group:api' } }],
    });
    apigw.on(GetRestStagesCommand, { restApiId: 'a2' }).rejects(awsError('AccessDeniedException', 'denied', 403));
    apigw2.on(GetApisCommand).resolves({ Items: [{ ApiId: 'h1', Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }], NextToken: 't2' });
    apigw2.on(GetApisCommand, { NextToken: 't2' }).resolves({ Items: [{ ApiId: 'h2', Name: 'http', ProtocolType: 'HTTP', RouteSelectionExpression: '$request.method $request.path' }] });
    apigw2.on(GetHttpStagesCommand).resolves({ Items: [{ StageName: '$default' }] });
    const out = edgeSchema.parse(await edgeCollector.collect(testContext()));
    assert.ok(out.loadBalancers.ok);
    assert.deepEqual(out.loadBalancers.value[0], {
      arn: ALB,
      name: 'web',
      type: 'application',
      scheme: 'internet-facing',
      vpcId: 'vpc-1',
      securityGroups: ['sg-1'],
      accessLogs: { ok: true, value: { enabled: true, bucket: 'log-archive', prefix: null } },
    });
    assert.deepEqual(out.loadBalancers.value[1]?.accessLogs, { ok: true, value: { enabled: false, bucket: null, prefix: null } });
    assert.ok(out.restApis.ok);
    assert.deepEqual(out.restApis.value[0]?.stages, {
      ok: true,
      value: [{ stageName: 'prod', webAclArn: 'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/x/1', accessLogDestinationArn: 'arn:aws:logs:eu-west-1:111111111111:log-group:api' }],
    });
    // one API's stages refused: recorded on that API, the others kept
    assert.ok(!out.restApis.value[1]?.stages.ok);
    assert.equal(out.restApis.value[1]?.stages.ok === false && out.restApis.value[1].stages.error.operation, 'apigateway:GET');
    assert.ok(out.httpApis.ok);
    assert.deepEqual(out.httpApis.value.map((a) => [a.apiId, a.protocolType]), [['h1', 'WEBSOCKET'], ['h2', 'HTTP']]);
    assert.deepEqual(out.httpApis.value[1]?.stages, { ok: true, value: [{ stageName: '$default', accessLogDestinationArn: null }] });
  });

  it('records refusals and an endpoint without the API (HTML 500) as errors, never as empty lists', async () => {
    empty();
    elb.on(DescribeLoadBalancersCommand).rejects(awsError('AccessDenied', 'not allowed', 403));
    apigw.on(GetRestApisCommand).rejects(htmlServerError());
    const out = edgeSchema.parse(await edgeCollector.collect(testContext()));
    assert.ok(!out.loadBalancers.ok);
    assert.equal(out.loadBalancers.error.code, 'AccessDenied');
    assert.equal(out.loadBalancers.error.operation, 'elasticloadbalancing:DescribeLoadBalancers');
    assert.ok(!out.restApis.ok);
    assert.equal(out.restApis.error.code, 'Unsupported');
    assert.deepEqual(out.httpApis, { ok: true, value: [] });
  });

  it('an attribute answer without access_logs.s3.enabled is a ParseError on that load balancer', async () => {
    empty();
    elb.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [{ LoadBalancerArn: ALB, LoadBalancerName: 'web', Type: 'application', Scheme: 'internal' }] });
    elb.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: [] });
    const out = edgeSchema.parse(await edgeCollector.collect(testContext()));
    assert.ok(out.loadBalancers.ok);
    const logs = out.loadBalancers.value[0]?.accessLogs;
    assert.equal(logs?.ok === false && logs.error.code, 'ParseError');
  });

  it('declares its operations in IAM spelling', () => {
    assert.deepEqual([...edgeCollector.operations].sort(), ['apigateway:GET', 'elasticloadbalancing:DescribeLoadBalancerAttributes', 'elasticloadbalancing:DescribeLoadBalancers']);
  });
});

describe('cloudfront collector', () => {
  beforeEach(reset);
  afterEach(reset);

  it('lists distributions with their web ACL across pages', async () => {
    cf.on(ListDistributionsCommand).resolves({
      DistributionList: { Items: [{ Id: 'E1', ARN: 'arn:aws:cloudfront::111111111111:distribution/E1', DomainName: 'd1.cloudfront.net', Enabled: true, WebACLId: '' }], NextMarker: 'n2', IsTruncated: true, Marker: '', MaxItems: 1, Quantity: 1 },
    } as never);
    cf.on(ListDistributionsCommand, { Marker: 'n2' }).resolves({
      DistributionList: { Items: [{ Id: 'E2', ARN: 'arn:aws:cloudfront::111111111111:distribution/E2', DomainName: 'd2.cloudfront.net', Enabled: false, WebACLId: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/cf/1' }], IsTruncated: false, Marker: 'n2', MaxItems: 1, Quantity: 1 },
    } as never);
    const out = cloudfrontSchema.parse(await cloudfrontCollector.collect(testContext()));
    assert.ok(out.distributions.ok);
    assert.deepEqual(out.distributions.value.map((d) => [d.id, d.webAclId, d.enabled]), [['E1', null, true], ['E2', 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/cf/1', false]]);
  });

  it('records a refusal as data', async () => {
    cf.on(ListDistributionsCommand).rejects(awsError('AccessDenied', 'no', 403));
    const out = cloudfrontSchema.parse(await cloudfrontCollector.collect(testContext()));
    assert.ok(!out.distributions.ok);
    assert.equal(out.distributions.error.operation, 'cloudfront:ListDistributions');
  });
});
