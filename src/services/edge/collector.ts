// Edge collectors. Per Region: ELBv2 load balancers (+ DescribeLoadBalancerAttributes for access logs, one call per
// application/network load balancer: no batch form exists), API Gateway REST APIs with their stages (webAclArn and
// accessLogSettings come with GetStages, so no WAF call is needed for them) and HTTP/WebSocket APIs with their
// stages. Account level: CloudFront distributions (global; ListDistributions already carries WebACLId).
import { APIGatewayClient, GetStagesCommand as GetRestStagesCommand, paginateGetRestApis, type RestApi as SdkRestApi } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApisCommand, GetStagesCommand as GetHttpStagesCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudFrontClient, paginateListDistributions, type DistributionSummary } from '@aws-sdk/client-cloudfront';
import {
  DescribeLoadBalancerAttributesCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeLoadBalancers,
  type LoadBalancer as SdkLoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { drain } from '../../collectors/collect.ts';
import { need, read } from '../../collectors/shape.ts';
import { orNull, regionalClient } from '../../collectors/regional/shared.ts';
import type { AccountCollector, RegionalCollector } from '../../collectors/types.ts';
import type { Limiter } from '../../aws/limiter.ts';
import type { CloudfrontSlice, Distribution, EdgeSlice, HttpApi, LoadBalancer, RestApi } from './schema.ts';

export const EDGE_OPS = {
  loadBalancers: 'elasticloadbalancing:DescribeLoadBalancers',
  attributes: 'elasticloadbalancing:DescribeLoadBalancerAttributes',
  // API Gateway authorises its management API by HTTP verb: GetRestApis, GetStages, GetApis are all apigateway:GET
  apigateway: 'apigateway:GET',
} as const;
export const CLOUDFRONT_OPS = { distributions: 'cloudfront:ListDistributions' } as const;

/** Follow a NextToken API to the end (for clients without an SDK paginator). */
async function allPages<P extends { NextToken?: string | undefined }, T>(fetch: (token: string | undefined) => Promise<P>, pick: (p: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...(pick(page) ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

async function loadBalancers(client: ElasticLoadBalancingV2Client, region: string, limiter: Limiter): Promise<EdgeSlice['loadBalancers']> {
  const listed = await read(EDGE_OPS.loadBalancers, region, () =>
    limiter.run(async () => drain(paginateDescribeLoadBalancers({ client, pageSize: 400 }, {}), (p) => p.LoadBalancers)),
  );
  if (!listed.ok) return listed;
  const out: LoadBalancer[] = [];
  for (const lb of listed.value) out.push(await toLoadBalancer(client, region, limiter, lb));
  return { ok: true, value: out };
}

async function toLoadBalancer(client: ElasticLoadBalancingV2Client, region: string, limiter: Limiter, lb: SdkLoadBalancer): Promise<LoadBalancer> {
  const arn = need(lb.LoadBalancerArn, 'LoadBalancer.LoadBalancerArn');
  const type = need(lb.Type, 'LoadBalancer.Type');
  // gateway load balancers have no access logs; the attribute is not asked for
  const accessLogs: LoadBalancer['accessLogs'] =
    type === 'gateway'
      ? { ok: true, value: { enabled: false, bucket: null, prefix: null } }
      : await read(EDGE_OPS.attributes, region, () =>
          limiter.run(async () => {
            const attrs = new Map(((await client.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }))).Attributes ?? []).map((a) => [a.Key, a.Value]));
            const enabled = need(attrs.get('access_logs.s3.enabled'), 'Attributes[access_logs.s3.enabled]');
            return { enabled: enabled === 'true', bucket: attrs.get('access_logs.s3.bucket') || null, prefix: attrs.get('access_logs.s3.prefix') || null };
          }),
        );
  return {
    arn,
    name: need(lb.LoadBalancerName, 'LoadBalancer.LoadBalancerName'),
    type,
    scheme: need(lb.Scheme, 'LoadBalancer.Scheme'),
    vpcId: orNull(lb.VpcId),
    securityGroups: lb.SecurityGroups ?? [],
    accessLogs,
  };
}

async function restApis(client: APIGatewayClient, region: string, limiter: Limiter): Promise<EdgeSlice['restApis']> {
  const listed = await read(EDGE_OPS.apigateway, region, () => limiter.run(async () => drain(paginateGetRestApis({ client, pageSize: 500 }, {}), (p) => p.items)));
  if (!listed.ok) return listed;
  const out: RestApi[] = [];
  for (const api of listed.value) out.push(await toRestApi(client, region, limiter, api));
  return { ok: true, value: out };
}

async function toRestApi(client: APIGatewayClient, region: string, limiter: Limiter, api: SdkRestApi): Promise<RestApi> {
  const id = need(api.id, 'RestApi.id');
  // GetStages is not paginated: it returns every stage of the API
  const stages = await read(EDGE_OPS.apigateway, region, () =>
    limiter.run(async () =>
      ((await client.send(new GetRestStagesCommand({ restApiId: id }))).item ?? []).map((s) => ({
        stageName: need(s.stageName, 'Stage.stageName'),
        webAclArn: s.webAclArn || null,
        accessLogDestinationArn: s.accessLogSettings?.destinationArn || null,
      })),
    ),
  );
  return { id, name: api.name ?? id, endpointTypes: api.endpointConfiguration?.types ?? [], stages };
}

async function httpApis(client: ApiGatewayV2Client, region: string, limiter: Limiter): Promise<EdgeSlice['httpApis']> {
  const listed = await read(EDGE_OPS.apigateway, region, () =>
    limiter.run(async () => allPages((NextToken) => client.send(new GetApisCommand({ NextToken, MaxResults: '500' })), (p) => p.Items)),
  );
  if (!listed.ok) return listed;
  const out: HttpApi[] = [];
  for (const api of listed.value) {
    const apiId = need(api.ApiId, 'Api.ApiId');
    const stages = await read(EDGE_OPS.apigateway, region, () =>
      limiter.run(async () =>
        (await allPages((NextToken) => client.send(new GetHttpStagesCommand({ ApiId: apiId, NextToken, MaxResults: '500' })), (p) => p.Items)).map((s) => ({
          stageName: need(s.StageName, 'Stage.StageName'),
          accessLogDestinationArn: s.AccessLogSettings?.DestinationArn || null,
        })),
      ),
    );
    out.push({ apiId, name: api.Name ?? apiId, protocolType: need(api.ProtocolType, 'Api.ProtocolType'), stages });
  }
  return { ok: true, value: out };
}

export const edgeCollector: RegionalCollector<'edge'> = {
  key: 'edge',
  operations: Object.values(EDGE_OPS),
  async collect(ctx): Promise<EdgeSlice> {
    const { region, limiter } = ctx;
    const [lbs, rest, http] = await Promise.all([
      loadBalancers(regionalClient(ctx, ElasticLoadBalancingV2Client), region, limiter),
      restApis(regionalClient(ctx, APIGatewayClient), region, limiter),
      httpApis(regionalClient(ctx, ApiGatewayV2Client), region, limiter),
    ]);
    return { loadBalancers: lbs, restApis: rest, httpApis: http };
  },
};

function toDistribution(d: DistributionSummary): Distribution {
  return {
    id: need(d.Id, 'DistributionSummary.Id'),
    arn: need(d.ARN, 'DistributionSummary.ARN'),
    domainName: need(d.DomainName, 'DistributionSummary.DomainName'),
    enabled: need(d.Enabled, 'DistributionSummary.Enabled'),
    webAclId: d.WebACLId || null,
  };
}

/** CloudFront is global: its API lives in us-east-1 (the commercial partition's home for global services). */
export const CLOUDFRONT_REGION = 'us-east-1';

export const cloudfrontCollector: AccountCollector<'cloudfront'> = {
  key: 'cloudfront',
  operations: Object.values(CLOUDFRONT_OPS),
  async collect(ctx): Promise<CloudfrontSlice> {
    const client = ctx.aws.client(CloudFrontClient, CLOUDFRONT_REGION);
    const distributions = await read(CLOUDFRONT_OPS.distributions, undefined, () =>
      ctx.limiter.run(async () => (await drain(paginateListDistributions({ client, pageSize: 1000 }, {}), (p) => p.DistributionList?.Items)).map(toDistribution)),
    );
    return { distributions };
  },
};
