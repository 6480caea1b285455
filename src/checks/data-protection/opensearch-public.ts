// opensearch-public: OpenSearch / Elasticsearch domains are not publicly accessible (controls.md 1.F). A domain
// outside a VPC has a public endpoint; it fails when its access policy grants access to anyone (judged by src/policy's
// analyzeResourcePolicy, the same reasoning as every resource policy) and warns otherwise.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import { analyzeResourcePolicy, parsePolicy, PolicyParseError } from '../../policy/index.ts';
import { defineCheck } from '../define.ts';
import { resourcesByRegion } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'opensearch-public',
    title: 'OpenSearch/Elasticsearch domains not publicly accessible',
    severity: 'critical',
    scope: 'resource',
    resourceType: 'AwsOpenSearchDomain',
    rationale:
      'A domain with a public endpoint and an access policy open to everyone lets anyone on the internet read, change or delete its indices; open search clusters are among the most common sources of data leaks.',
    remediation: {
      text: 'Replace the open access policy with one that names specific IAM principals (or pins aws:SourceIp to your addresses), and move the domain into a VPC: a domain cannot be moved, so create a VPC domain and restore a snapshot into it.',
      cli: 'aws opensearch update-domain-config --domain-name <domain> --access-policies file://restricted-policy.json --region <region>',
      terraform:
        'resource "aws_opensearch_domain" "this" {\n  # ...\n  vpc_options {\n    subnet_ids         = var.private_subnet_ids\n    security_group_ids = [aws_security_group.search.id]\n  }\n}',
    },
    references: [
      'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html',
      'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html',
    ],
    compliance: { prowler: ['opensearch_service_domains_not_publicly_accessible'], sources: ['000'] },
    fixable: false,
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
        if (s.inVpc) {
          results.push(ctx.pass(resource, `OpenSearch domain ${d.domainName} is in a VPC and has no public endpoint`, { region, evidence: { inVpc: true } }));
          continue;
        }
        const extra = { region, remediationValues: { domain: d.domainName, region } };
        if (s.accessPolicies === null || s.accessPolicies === undefined) {
          results.push(
            ctx.warn(resource, `OpenSearch domain ${d.domainName} has a public endpoint; it has no access policy, so only IAM principals of the account with es permissions can call it`, {
              ...extra,
              evidence: { inVpc: false, endpoint: s.endpoint, accessPolicy: null },
            }),
          );
          continue;
        }
        let analysis;
        try {
          analysis = analyzeResourcePolicy(parsePolicy(s.accessPolicies), { service: 'es', resourceAccountId: ctx.account.accountId });
        } catch (e) {
          if (!(e instanceof PolicyParseError)) throw e;
          // an unreadable policy may grant anything: no verdict
          const error: CollectError = { code: 'ParseError', operation: 'es:DescribeDomains', message: `access policy of domain ${d.domainName} could not be parsed: ${e.message}`, region };
          results.push(ctx.error(resource, error, undefined, { region }));
          continue;
        }
        const evidence = { inVpc: false, endpoint: s.endpoint, publicStatements: analysis.statements };
        results.push(
          analysis.public
            ? ctx.fail(resource, `OpenSearch domain ${d.domainName} has a public endpoint and its access policy lets anyone call it (${analysis.statements.map((st) => st.reason).join('; ')})`, {
                ...extra,
                evidence,
              })
            : ctx.warn(resource, `OpenSearch domain ${d.domainName} has a public endpoint; its access policy is restrictive, but the domain is still reachable from the internet`, {
                ...extra,
                evidence,
              }),
        );
      }
    }
    return results;
  },
});
