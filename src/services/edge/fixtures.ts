// Fixture defaults and item builders for the edge slices (nothing at the edge unless a test adds it).
import { ok } from '../../inventory/collected.ts';
import type { CloudfrontSlice, Distribution, EdgeSlice, HttpApi, LoadBalancer, RestApi } from './schema.ts';

export function emptyEdge(): EdgeSlice {
  return { loadBalancers: ok([]), restApis: ok([]), httpApis: ok([]) };
}

export function emptyCloudfront(): CloudfrontSlice {
  return { distributions: ok([]) };
}

/** An internet-facing ALB with access logs to `log-archive-elb` unless told otherwise. */
export function loadBalancer(name: string, o: Partial<LoadBalancer> & { region?: string; accountId?: string } = {}): LoadBalancer {
  const { region = 'us-east-1', accountId = '111111111111', ...rest } = o;
  const type = rest.type ?? 'application';
  return {
    arn: `arn:aws:elasticloadbalancing:${region}:${accountId}:loadbalancer/${type === 'application' ? 'app' : type === 'network' ? 'net' : 'gwy'}/${name}/0123456789abcdef`,
    name,
    type,
    scheme: 'internet-facing',
    vpcId: 'vpc-0a1b2c3d',
    securityGroups: [],
    accessLogs: ok({ enabled: true, bucket: 'log-archive-elb', prefix: null }),
    ...rest,
  };
}

/** A REGIONAL REST API with one stage `prod` (no web ACL, no access log) unless told otherwise. */
export function restApi(id: string, o: Partial<RestApi> = {}): RestApi {
  return { id, name: id, endpointTypes: ['REGIONAL'], stages: ok([{ stageName: 'prod', webAclArn: null, accessLogDestinationArn: null }]), ...o };
}

export function httpApi(apiId: string, o: Partial<HttpApi> = {}): HttpApi {
  return { apiId, name: apiId, protocolType: 'HTTP', stages: ok([{ stageName: '$default', accessLogDestinationArn: null }]), ...o };
}

export function distribution(id: string, o: Partial<Distribution> = {}): Distribution {
  return { id, arn: `arn:aws:cloudfront::111111111111:distribution/${id}`, domainName: `${id.toLowerCase()}.cloudfront.net`, enabled: true, webAclId: null, ...o };
}
