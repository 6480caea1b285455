// WAFv2 collectors: ListWebACLs per scope, then per web ACL GetLoggingConfiguration and (REGIONAL) the application
// load balancers it protects (ListResourcesForWebACL). Per ACL rather than GetWebACLForResource per load balancer:
// accounts have far fewer web ACLs than load balancers, and an account with none costs one call.
import {
  GetLoggingConfigurationCommand,
  ListResourcesForWebACLCommand,
  ListWebACLsCommand,
  WAFV2Client,
  type Scope,
  type WebACLSummary,
} from '@aws-sdk/client-wafv2';
import { need, read, readOrAbsent } from '../../collectors/shape.ts';
import { regionalClient } from '../../collectors/regional/shared.ts';
import type { AccountCollector, RegionalCollector } from '../../collectors/types.ts';
import type { Limiter } from '../../aws/limiter.ts';
import type { Collected } from '../../inventory/collected.ts';
import type { Wafv2CloudfrontSlice, Wafv2Slice, WebAcl } from './schema.ts';

export const WAFV2_OPS = {
  list: 'wafv2:ListWebACLs',
  logging: 'wafv2:GetLoggingConfiguration',
  resources: 'wafv2:ListResourcesForWebACL',
} as const;

/** CLOUDFRONT-scope web ACLs are managed through us-east-1 only. */
export const CLOUDFRONT_SCOPE_REGION = 'us-east-1';

async function listWebAcls(client: WAFV2Client, scope: Scope, region: string | undefined, limiter: Limiter): Promise<Collected<WebACLSummary[]>> {
  return read(WAFV2_OPS.list, region, () =>
    limiter.run(async () => {
      const out: WebACLSummary[] = [];
      let NextMarker: string | undefined;
      do {
        const page = await client.send(new ListWebACLsCommand({ Scope: scope, Limit: 100, NextMarker }));
        out.push(...(page.WebACLs ?? []));
        // WAFv2 may answer the last page with a NextMarker too: an empty page, or the same marker again, ends the walk
        const next = (page.WebACLs ?? []).length > 0 ? page.NextMarker : undefined;
        NextMarker = next !== NextMarker ? next : undefined;
      } while (NextMarker);
      return out;
    }),
  );
}

async function toWebAcl(client: WAFV2Client, scope: Scope, region: string | undefined, limiter: Limiter, s: WebACLSummary): Promise<WebAcl> {
  const arn = need(s.ARN, 'WebACLSummary.ARN');
  const [logging, loadBalancerArns] = await Promise.all([
    // "no logging configuration" is WAFNonexistentItemException (GetLoggingConfiguration docs): a value, null
    readOrAbsent(WAFV2_OPS.logging, region, ['WAFNonexistentItemException'], () =>
      limiter.run(async () => {
        const cfg = need((await client.send(new GetLoggingConfigurationCommand({ ResourceArn: arn }))).LoggingConfiguration, 'LoggingConfiguration');
        return { destinations: cfg.LogDestinationConfigs ?? [] };
      }),
    ),
    scope === 'CLOUDFRONT'
      ? Promise.resolve({ ok: true as const, value: null })
      : read(WAFV2_OPS.resources, region, () =>
          limiter.run(async () => (await client.send(new ListResourcesForWebACLCommand({ WebACLArn: arn, ResourceType: 'APPLICATION_LOAD_BALANCER' }))).ResourceArns ?? []),
        ),
  ]);
  return { name: need(s.Name, 'WebACLSummary.Name'), id: need(s.Id, 'WebACLSummary.Id'), arn, scope, logging, loadBalancerArns };
}

async function webAcls(client: WAFV2Client, scope: Scope, region: string | undefined, limiter: Limiter): Promise<Collected<WebAcl[]>> {
  const listed = await listWebAcls(client, scope, region, limiter);
  if (!listed.ok) return listed;
  return { ok: true, value: await Promise.all(listed.value.map((s) => toWebAcl(client, scope, region, limiter, s))) };
}

export const wafv2Collector: RegionalCollector<'wafv2'> = {
  key: 'wafv2',
  operations: Object.values(WAFV2_OPS),
  async collect(ctx): Promise<Wafv2Slice> {
    return { webAcls: await webAcls(regionalClient(ctx, WAFV2Client), 'REGIONAL', ctx.region, ctx.limiter) };
  },
};

export const wafv2CloudfrontCollector: AccountCollector<'wafv2Cloudfront'> = {
  key: 'wafv2Cloudfront',
  operations: [WAFV2_OPS.list, WAFV2_OPS.logging],
  async collect(ctx): Promise<Wafv2CloudfrontSlice> {
    return { webAcls: await webAcls(ctx.aws.client(WAFV2Client, CLOUDFRONT_SCOPE_REGION), 'CLOUDFRONT', CLOUDFRONT_SCOPE_REGION, ctx.limiter) };
  },
};
