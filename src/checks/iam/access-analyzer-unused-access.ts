// access-analyzer-unused-access: an unused-access analyzer covers the account, and its findings are acted on
// (controls.md 1.B). One analyzer in any Region covers IAM (global); an organization unused-access analyzer in another
// scanned account of the organization covers members too, and its findings are reported in that account.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import { daysSince, defineCheck, formatDays } from '../define.ts';
import { regionClosedFor } from '../helpers/regional.ts';

export interface UnusedAccessOptions {
  /** An ACTIVE unused-access finding open longer than this fails. */
  maxFindingAgeDays: number;
}

const UNUSED_TYPES = new Set(['ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS']);
const UNUSED_FINDINGS = new Set(['UnusedIAMRole', 'UnusedIAMUserAccessKey', 'UnusedIAMUserPassword', 'UnusedPermission']);

export default defineCheck<UnusedAccessOptions>({
  meta: {
    id: 'access-analyzer-unused-access',
    title: 'Unused-access analysis in place and acted on',
    severity: 'low',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale:
      'Roles, keys, passwords and permissions nobody uses are attack surface with no benefit. An unused-access analyzer lists them continuously; findings left open for weeks mean nobody acts on the list.',
    remediation: {
      text: 'Create an unused-access analyzer (a paid feature): type ORGANIZATION_UNUSED_ACCESS from the delegated administrator, otherwise ACCOUNT_UNUSED_ACCESS. Then work through its findings: remove unused roles, keys and passwords, trim unused permissions, or archive what is intentionally kept.',
      cli: 'aws accessanalyzer create-analyzer --analyzer-name unused-access --type ACCOUNT_UNUSED_ACCESS --configuration \'{"unusedAccess":{"unusedAccessAge":90}}\' --region <region>\naws accessanalyzer list-findings-v2 --analyzer-arn <analyzer-arn> --filter \'{"status":{"eq":["ACTIVE"]}}\' --region <region>',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-create-unused.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings-view.html',
    ],
    compliance: { cisAws3: [], prowler: [], sources: ['002', '003'] },
    fixable: true,
    reads: ['regional.*.accessAnalyzer.analyzers', 'regional.*.accessAnalyzer.findings', 'organizations.organization'],
  },
  defaultOptions: { maxFindingAgeDays: 30 },
  optionProblems: (o) => (o.maxFindingAgeDays >= 0 ? [] : [`maxFindingAgeDays must not be negative, got ${o.maxFindingAgeDays}`]),
  evaluate(ctx) {
    const self = ctx.accountResource();
    const own: Array<{ region: string; arn: string; name: string; type: string }> = [];
    const unreadable: Array<{ region: string; error: CollectError }> = [];
    for (const [region, data] of ctx.regions()) {
      const analyzers = data.accessAnalyzer.analyzers;
      if (!analyzers.ok) {
        if (regionClosedFor(ctx, region, analyzers.error) === undefined) unreadable.push({ region, error: analyzers.error });
        continue;
      }
      for (const a of analyzers.value) if (a.status === 'ACTIVE' && UNUSED_TYPES.has(a.type)) own.push({ region, arn: a.arn, name: a.name, type: a.type });
    }

    if (own.length === 0) {
      // an organization analyzer of another scanned account of the same organization covers this one
      const org = ctx.account.organizations.organization;
      const orgId = org.ok ? org.value?.id : undefined;
      if (orgId !== undefined) {
        for (const other of ctx.snapshot.accounts) {
          if (other.accountId === ctx.account.accountId) continue;
          const otherOrg = other.organizations.organization;
          if (!otherOrg.ok || otherOrg.value?.id !== orgId) continue;
          for (const [region, data] of Object.entries(other.regional)) {
            const list = data.accessAnalyzer.analyzers;
            const hit = list.ok ? list.value.find((a) => a.status === 'ACTIVE' && a.type === 'ORGANIZATION_UNUSED_ACCESS') : undefined;
            if (hit !== undefined) {
              return [
                ctx.pass(self, `account ${self.id} is covered by organization unused-access analyzer ${hit.name} of account ${other.accountId} (${region}); its findings are reported there`, {
                  evidence: { analyzerArn: hit.arn, account: other.accountId },
                }),
              ];
            }
          }
        }
      }
      const first = unreadable[0];
      if (first !== undefined) return [ctx.error(self, first.error, `could not list IAM Access Analyzer analyzers in ${unreadable.map((u) => u.region).join(', ')}, so whether an unused-access analyzer exists is unknown`)];
      return [ctx.warn(self, `no unused-access analyzer covers account ${self.id}, so unused roles, keys, passwords and permissions are not reported (a paid Access Analyzer feature)`)];
    }

    const results: CheckResult[] = [];
    const seen = new Set<string>();
    const max = ctx.options.maxFindingAgeDays;
    let open = 0;
    for (const a of own) {
      const analyzerRef: ResourceRef = { type: 'AwsAccessAnalyzer', id: a.name, arn: a.arn };
      const notCollected: CollectError = { code: 'NotCollected', operation: 'access-analyzer:ListFindings', message: `findings of analyzer ${a.name} were not collected`, region: a.region };
      const lists = ctx.account.regional[a.region]?.accessAnalyzer.findings;
      const entry = lists?.ok ? lists.value.find((l) => l.analyzerArn === a.arn) : undefined;
      const findings = entry?.findings ?? { ok: false as const, error: lists?.ok === false ? lists.error : notCollected };
      if (!findings.ok) {
        results.push(ctx.error(analyzerRef, findings.error, `could not list the findings of unused-access analyzer ${a.name}`, { region: a.region }));
        continue;
      }
      for (const f of findings.value) {
        if (f.status !== 'ACTIVE' || f.findingType === null || !UNUSED_FINDINGS.has(f.findingType)) continue;
        const key = `${f.findingType}|${f.resource ?? f.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        open += 1;
        const age = daysSince(ctx.now, f.createdAt);
        if (age <= max) continue;
        const resource: ResourceRef = { type: 'AwsAccessAnalyzerFinding', id: f.resource ?? f.id, ...(f.resource?.startsWith('arn:') ? { arn: f.resource } : {}) };
        results.push(
          ctx.fail(resource, `${f.findingType} finding ${f.id} on ${f.resource ?? f.resourceType} (owner ${f.resourceOwnerAccount}) has been open ${formatDays(age)} days (more than ${max})`, {
            region: a.region,
            evidence: { findingId: f.id, findingType: f.findingType, analyzer: a.name, createdAt: f.createdAt, resourceOwnerAccount: f.resourceOwnerAccount },
            remediationValues: { 'analyzer-arn': a.arn },
          }),
        );
      }
    }
    if (results.length === 0) {
      const names = own.map((a) => `${a.name} (${a.type}, ${a.region})`).join(', ');
      results.push(ctx.pass(self, `unused-access analyzer ${names} covers ${self.id}; ${open === 0 ? 'no active finding' : `${open} active finding(s), none open more than ${max} days`}`));
    }
    return results;
  },
});
