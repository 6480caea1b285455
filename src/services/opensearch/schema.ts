// The OpenSearch Service slice of a Region's snapshot: each domain (OpenSearch and Elasticsearch engines) with the
// DescribeDomains fields opensearch-public and opensearch-encrypted read. Details are per domain: a failed batch of
// DescribeDomains marks its domains, not the whole Region.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const domainStatusSchema = z.object({
  arn: z.string(),
  engineVersion: z.string().nullable(),
  /** The public endpoint (DomainStatus.Endpoint); null for a VPC domain or one still being created. */
  endpoint: z.string().nullable(),
  /** Whether the domain lives in a VPC (VPCOptions with a VPC id, or Endpoints.vpc). */
  inVpc: z.boolean(),
  /** The access policy, JSON-parsed when it parses (src/policy judges it); null when the domain has none. */
  accessPolicies: z.unknown(),
  /** EncryptionAtRestOptions.Enabled, NodeToNodeEncryptionOptions.Enabled, DomainEndpointOptions.EnforceHTTPS; null when absent. */
  encryptionAtRest: z.boolean().nullable(),
  nodeToNodeEncryption: z.boolean().nullable(),
  enforceHttps: z.boolean().nullable(),
});
export type DomainStatus = z.infer<typeof domainStatusSchema>;

export const domainSchema = z.object({
  domainName: z.string(),
  /** OpenSearch | Elasticsearch, from ListDomainNames; null when not given. */
  engineType: z.string().nullable(),
  detail: collectedSchema(domainStatusSchema),
});
export type Domain = z.infer<typeof domainSchema>;

export const opensearchSchema = z.object({
  domains: collectedSchema(z.array(domainSchema)),
});
export type OpenSearchSlice = z.infer<typeof opensearchSchema>;
