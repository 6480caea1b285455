// opensearch-encrypted: OpenSearch / Elasticsearch domains encrypt at rest and between nodes and accept HTTPS only
// (controls.md 1.F). A setting the answer did not carry is missing data: error, not fail.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { resourcesByRegion } from '../helpers/regional.ts';

const SETTINGS = [
  ['encryptionAtRest', 'encryption at rest (EncryptionAtRestOptions.Enabled)'],
  ['nodeToNodeEncryption', 'node-to-node encryption (NodeToNodeEncryptionOptions.Enabled)'],
  ['enforceHttps', 'HTTPS enforcement (DomainEndpointOptions.EnforceHTTPS)'],
] as const;

export default defineCheck({
  meta: {
    id: 'opensearch-encrypted',
    title: 'OpenSearch encryption at rest, node-to-node, HTTPS enforced',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsOpenSearchDomain',
    rationale:
      'Without encryption at rest, indices, logs and automated snapshots sit in plain form on storage; without node-to-node encryption and enforced HTTPS, queries, results and credentials cross the network in clear text.',
    remediation: {
      text: 'Turn on encryption at rest, node-to-node encryption and "Require HTTPS" for the domain (with a current TLS security policy). Old Elasticsearch versions need an engine upgrade first.',
      cli: 'aws opensearch update-domain-config --domain-name <domain> --encryption-at-rest-options Enabled=true --node-to-node-encryption-options Enabled=true --domain-endpoint-options EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-2019-07 --region <region>',
      terraform:
        'resource "aws_opensearch_domain" "this" {\n  # ...\n  encrypt_at_rest {\n    enabled = true\n  }\n  node_to_node_encryption {\n    enabled = true\n  }\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n  }\n}',
    },
    references: [
      'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
      'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html',
    ],
    compliance: {
      prowler: [
        'opensearch_service_domains_encryption_at_rest_enabled',
        'opensearch_service_domains_node_to_node_encryption_enabled',
        'opensearch_service_domains_https_communications_enforced',
      ],
      sources: ['000', '003'],
    },
    fixable: true,
    reads: ['regional.*.opensearch.domains'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const { region, items: domains } of resourcesByRegion(ctx, results, (d) => d.opensearch.domains, { list: 'the OpenSearch domain list', none: 'OpenSearch domains' })) {
      for (const d of domains) {
        const resource: ResourceRef = { type: 'AwsOpenSearchDomain', id: d.domainName, ...(d.detail.ok ? { arn: d.detail.value.arn } : {}) };
        if (!d.detail.ok) {
          results.push(ctx.error(resource, d.detail.error, `could not read the configuration of OpenSearch domain ${d.domainName}`, { region }));
          continue;
        }
        const s = d.detail.value;
        const evidence = { encryptionAtRest: s.encryptionAtRest, nodeToNodeEncryption: s.nodeToNodeEncryption, enforceHttps: s.enforceHttps };
        const off = SETTINGS.filter(([key]) => s[key] === false).map(([, label]) => label);
        const unknown = SETTINGS.filter(([key]) => s[key] === null).map(([, label]) => label);
        if (off.length > 0) {
          results.push(ctx.fail(resource, `OpenSearch domain ${d.domainName} lacks ${off.join(', ')}`, { region, evidence, remediationValues: { domain: d.domainName, region } }));
        } else if (unknown.length > 0) {
          const error = { code: 'ParseError' as const, operation: 'es:DescribeDomains', message: `the answer for domain ${d.domainName} did not say ${unknown.join(', ')}`, region };
          results.push(ctx.error(resource, error, undefined, { region, evidence }));
        } else {
          results.push(ctx.pass(resource, `OpenSearch domain ${d.domainName} encrypts at rest and between nodes and requires HTTPS`, { region, evidence }));
        }
      }
    }
    return results;
  },
});
