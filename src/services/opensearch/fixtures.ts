// Test and demo data for the OpenSearch slice.
import { ok } from '../../inventory/collected.ts';
import type { Domain, DomainStatus, OpenSearchSlice } from './schema.ts';

export function emptyOpenSearch(): OpenSearchSlice {
  return { domains: ok([]) };
}

/** An access policy that lets anyone call every es action on the domain. */
export function openAccessPolicy(arn: string): unknown {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: `${arn}/*` }] };
}

/** A VPC domain, encrypted at rest and between nodes, HTTPS only, unless told otherwise. */
export function domain(name: string, over: Partial<DomainStatus> = {}, region = 'us-east-1', account = '111111111111'): Domain {
  const arn = `arn:aws:es:${region}:${account}:domain/${name}`;
  return {
    domainName: name,
    engineType: 'OpenSearch',
    detail: ok({
      arn,
      engineVersion: 'OpenSearch_2.11',
      endpoint: null,
      inVpc: true,
      accessPolicies: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:role/search` }, Action: 'es:ESHttp*', Resource: `${arn}/*` }] },
      encryptionAtRest: true,
      nodeToNodeEncryption: true,
      enforceHttps: true,
      ...over,
    }),
  };
}

/** A domain with a public endpoint (no VPC). */
export function publicDomain(name: string, over: Partial<DomainStatus> = {}, region = 'us-east-1', account = '111111111111'): Domain {
  return domain(name, { endpoint: `search-${name}-abc123.${region}.es.amazonaws.com`, inVpc: false, ...over }, region, account);
}
