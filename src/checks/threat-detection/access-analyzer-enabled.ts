// access-analyzer-enabled: an active IAM Access Analyzer for external access in every scanned Region (controls.md 1.B).
// Only ACCOUNT and ORGANIZATION analyzers count (the catalog's ListAnalyzers types); unused/internal-access ones do not.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

const EXTERNAL_ACCESS_TYPES = new Set(['ACCOUNT', 'ORGANIZATION']);

export default defineCheck({
  meta: {
    id: 'access-analyzer-enabled',
    title: 'IAM Access Analyzer (external access) active in every enabled Region',
    severity: 'medium',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'Access Analyzer finds resources (buckets, roles, keys, queues, snapshots…) shared outside the account or organization; analyzers are Regional, so a Region without one hides its external shares.',
    remediation: {
      text: 'Create an external-access analyzer in the Region: type ORGANIZATION from the delegated administrator of an organization, otherwise type ACCOUNT.',
      cli: 'aws accessanalyzer create-analyzer --analyzer-name external-access --type ACCOUNT --region <region>',
      terraform: 'resource "aws_accessanalyzer_analyzer" "main" {\n  analyzer_name = "external-access"\n  type          = "ACCOUNT" # ORGANIZATION from the delegated administrator\n}',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/what-is-access-analyzer.html',
    ],
    compliance: { cisAws3: ['1.20'], prowler: ['accessanalyzer_enabled'], sources: ['002', '003'] },
    fixable: true,
    reads: ['regional.*.accessAnalyzer.analyzers'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const resource = regionResource(region);
      const analyzers = readInRegion(ctx, data.accessAnalyzer.analyzers, 'IAM Access Analyzer analyzers', region);
      if (!analyzers.ok) {
        results.push(analyzers.result);
        continue;
      }
      const seen = analyzers.value.map((a) => `${a.name} (${a.type}, ${a.status})`);
      const active = analyzers.value.find((a) => a.status === 'ACTIVE' && EXTERNAL_ACCESS_TYPES.has(a.type));
      if (active !== undefined) {
        results.push(ctx.pass(resource, `Access Analyzer ${active.name} (${active.type}) is active in ${region}`, { region, evidence: { analyzers: seen } }));
        continue;
      }
      const message =
        analyzers.value.length === 0
          ? `no IAM Access Analyzer exists in ${region}, so resources shared outside the account there are not reported`
          : `no active external-access analyzer (ACCOUNT or ORGANIZATION) in ${region}; analyzers seen: ${seen.join(', ')}`;
      results.push(ctx.fail(resource, message, { region, evidence: { analyzers: seen } }));
    }
    return results;
  },
});
