// OpenSearch Service collector (per Region): domain names (ListDomainNames, OpenSearch and Elasticsearch engines),
// then DescribeDomains in batches of five (the API's limit). A failed batch is recorded on each of its domains.
import { DescribeDomainsCommand, ListDomainNamesCommand, OpenSearchClient, type DomainStatus as SdkDomainStatus } from '@aws-sdk/client-opensearch';
import { need, orNull, read, regionalClient } from '../../collectors/regional/shared.ts';
import { parsePolicyDocument } from '../../collectors/shape.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { failed, ok, type Collected } from '../../inventory/collected.ts';
import type { Domain, DomainStatus, OpenSearchSlice } from './schema.ts';

// IAM spells OpenSearch Service actions with the legacy `es` prefix.
const OPS = { list: 'es:ListDomainNames', describe: 'es:DescribeDomains' } as const;
const BATCH = 5;

function toStatus(d: SdkDomainStatus): DomainStatus {
  const vpcId = d.VPCOptions?.VPCId;
  return {
    arn: need(d.ARN, 'DomainStatus.ARN'),
    engineVersion: orNull(d.EngineVersion),
    endpoint: orNull(d.Endpoint),
    inVpc: (vpcId !== undefined && vpcId !== '') || d.Endpoints?.['vpc'] !== undefined,
    accessPolicies: d.AccessPolicies === undefined || d.AccessPolicies === '' ? null : parsePolicyDocument(d.AccessPolicies),
    encryptionAtRest: orNull(d.EncryptionAtRestOptions?.Enabled),
    nodeToNodeEncryption: orNull(d.NodeToNodeEncryptionOptions?.Enabled),
    enforceHttps: orNull(d.DomainEndpointOptions?.EnforceHTTPS),
  };
}

export const opensearchCollector: RegionalCollector<'opensearch'> = {
  key: 'opensearch',
  operations: Object.values(OPS),
  async collect(ctx): Promise<OpenSearchSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, OpenSearchClient);
    // ListDomainNames is not paginated: one answer lists every domain of the Region.
    const names = await read(OPS.list, region, () =>
      limiter.run(async () =>
        ((await client.send(new ListDomainNamesCommand({}))).DomainNames ?? []).map((d) => ({
          domainName: need(d.DomainName, 'DomainInfo.DomainName'),
          engineType: orNull(d.EngineType),
        })),
      ),
    );
    if (!names.ok) return { domains: names };
    const batches: Array<typeof names.value> = [];
    for (let i = 0; i < names.value.length; i += BATCH) batches.push(names.value.slice(i, i + BATCH));
    const described = await Promise.all(
      batches.map((batch) =>
        read(OPS.describe, region, () =>
          limiter.run(async () => {
            const list = (await client.send(new DescribeDomainsCommand({ DomainNames: batch.map((d) => d.domainName) }))).DomainStatusList ?? [];
            return new Map(list.map((s) => [need(s.DomainName, 'DomainStatus.DomainName'), toStatus(s)]));
          }),
        ),
      ),
    );
    const domains: Domain[] = batches.flatMap((batch, i) => {
      const answer = described[i]!;
      return batch.map((d): Domain => {
        let detail: Collected<DomainStatus>;
        if (!answer.ok) detail = answer;
        else {
          const status = answer.value.get(d.domainName);
          // a domain deleted between the two calls is absent from the answer: recorded, not guessed
          detail =
            status !== undefined
              ? ok(status)
              : failed({ code: 'ParseError', operation: OPS.describe, region, message: `${OPS.describe}: the answer has no status for domain ${d.domainName}` });
        }
        return { ...d, detail };
      });
    });
    return { domains: ok(domains) };
  },
};
