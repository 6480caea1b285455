// Fixture defaults and item builders for the WAFv2 slices (no web ACL unless a test adds one).
import { ok } from '../../inventory/collected.ts';
import type { Wafv2CloudfrontSlice, Wafv2Slice, WebAcl } from './schema.ts';

export function emptyWafv2(): Wafv2Slice {
  return { webAcls: ok([]) };
}

export function emptyWafv2Cloudfront(): Wafv2CloudfrontSlice {
  return { webAcls: ok([]) };
}

/** A REGIONAL web ACL logging to `aws-waf-logs-central` and protecting the given load balancers. */
export function webAcl(name: string, o: Partial<WebAcl> & { region?: string; accountId?: string; protects?: string[] } = {}): WebAcl {
  const { region = 'us-east-1', accountId = '111111111111', protects = [], ...rest } = o;
  const scope = rest.scope ?? 'REGIONAL';
  return {
    name,
    id: `${name}-id`,
    arn: `arn:aws:wafv2:${scope === 'CLOUDFRONT' ? 'us-east-1' : region}:${accountId}:${scope === 'CLOUDFRONT' ? 'global' : 'regional'}/webacl/${name}/${name}-id`,
    scope,
    logging: ok({ destinations: [`arn:aws:firehose:us-east-1:${accountId}:deliverystream/aws-waf-logs-central`] }),
    loadBalancerArns: ok(scope === 'CLOUDFRONT' ? null : protects),
    ...rest,
  };
}
