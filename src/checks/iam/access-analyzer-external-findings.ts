// access-analyzer-external-findings: no ACTIVE external-access finding of IAM Access Analyzer (controls.md 1.B).
// Per Region: one failure per shared resource (critical when public), a pass when the Region's external-access
// analyzers report nothing; a Region without such an analyzer is access-analyzer-enabled's failure, not this one's.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { AnalyzerFinding } from '../../services/access-analyzer/schema.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

const EXTERNAL_ACCESS_TYPES = new Set(['ACCOUNT', 'ORGANIZATION']);

export default defineCheck({
  meta: {
    id: 'access-analyzer-external-findings',
    title: 'No unresolved external-access findings',
    severity: 'high',
    scope: 'region',
    resourceType: 'AwsAccessAnalyzerFinding',
    rationale:
      'An active external-access finding is a bucket, role, key, queue, secret or snapshot that a principal outside the account or organization can use, or anyone when it is public. Each one is either an intended share to archive or an exposure to close.',
    remediation: {
      text: 'For each finding, decide: if the share is intended, archive it with an archive rule that describes it (so new unintended shares stand out); otherwise remove the statement, grant or share that gives the outside principal access, then rescan the resource in Access Analyzer.',
      cli: 'aws accessanalyzer list-findings-v2 --analyzer-arn <analyzer-arn> --filter \'{"status":{"eq":["ACTIVE"]}}\' --region <region>\naws accessanalyzer get-finding-v2 --analyzer-arn <analyzer-arn> --id <finding-id> --region <region>\naws accessanalyzer start-resource-scan --analyzer-arn <analyzer-arn> --resource-arn <resource-arn> --region <region>',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-work-with-findings.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-archive-rules.html',
    ],
    compliance: { cisAws3: [], prowler: ['accessanalyzer_enabled_without_findings'], sources: ['002', '003'] },
    fixable: false,
    reads: ['regional.*.accessAnalyzer.analyzers', 'regional.*.accessAnalyzer.findings'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const analyzers = readInRegion(ctx, data.accessAnalyzer.analyzers, 'IAM Access Analyzer analyzers', region);
      if (!analyzers.ok) {
        results.push(analyzers.result);
        continue;
      }
      const external = analyzers.value.filter((a) => a.status === 'ACTIVE' && EXTERNAL_ACCESS_TYPES.has(a.type));
      if (external.length === 0) {
        results.push(ctx.notApplicable(regionResource(region), `no active external-access analyzer in ${region} (access-analyzer-enabled reports it)`, { region }));
        continue;
      }
      const lists = readInRegion(ctx, data.accessAnalyzer.findings, 'IAM Access Analyzer findings', region);
      if (!lists.ok) {
        results.push(lists.result);
        continue;
      }
      // one result per resource, whichever analyzers (account and organization) report it
      const byResource = new Map<string, { finding: AnalyzerFinding; analyzers: string[]; ids: string[] }>();
      let unreadable = false;
      for (const a of external) {
        const entry = lists.value.find((l) => l.analyzerArn === a.arn);
        const analyzerRef: ResourceRef = { type: 'AwsAccessAnalyzer', id: a.name, arn: a.arn };
        if (entry === undefined) {
          results.push(ctx.error(analyzerRef, { code: 'NotCollected', operation: 'access-analyzer:ListFindings', message: `findings of analyzer ${a.name} were not collected`, region }, undefined, { region }));
          unreadable = true;
          continue;
        }
        if (!entry.findings.ok) {
          results.push(ctx.error(analyzerRef, entry.findings.error, `could not list the findings of analyzer ${a.name}`, { region }));
          unreadable = true;
          continue;
        }
        for (const f of entry.findings.value) {
          if (f.status !== 'ACTIVE' || f.findingType !== 'ExternalAccess') continue;
          const key = f.resource ?? f.id;
          const seen = byResource.get(key);
          if (seen === undefined) byResource.set(key, { finding: f, analyzers: [a.name], ids: [f.id] });
          else {
            seen.analyzers.push(a.name);
            seen.ids.push(f.id);
            // keep the copy that knows the resource is public
            if (!(seen.finding.isPublic?.ok && seen.finding.isPublic.value === true) && f.isPublic?.ok && f.isPublic.value === true) seen.finding = f;
          }
        }
      }
      for (const [key, { finding: f, analyzers: names, ids }] of byResource) {
        const resource: ResourceRef = { type: 'AwsAccessAnalyzerFinding', id: key, ...(f.resource?.startsWith('arn:') ? { arn: f.resource } : {}) };
        const pub = f.isPublic;
        const isPublic = pub?.ok === true && pub.value === true;
        const how = isPublic ? 'is public' : pub?.ok === false ? `is shared outside the zone of trust (whether it is public could not be read: ${pub.error.code})` : 'is shared outside the zone of trust';
        const analyzerArn = external.find((a) => a.name === names[0])?.arn ?? '';
        results.push(
          ctx.fail(resource, `${f.resourceType} ${key} (owner ${f.resourceOwnerAccount}) ${how}: active Access Analyzer finding ${ids.join(', ')}`, {
            region,
            severity: isPublic ? 'critical' : 'high',
            evidence: { findingIds: ids, analyzers: names, resourceType: f.resourceType, resourceOwnerAccount: f.resourceOwnerAccount, createdAt: f.createdAt, isPublic: pub?.ok ? pub.value : null },
            remediationValues: { 'analyzer-arn': analyzerArn, 'finding-id': f.id, 'resource-arn': f.resource ?? key },
          }),
        );
      }
      if (byResource.size === 0 && !unreadable) {
        results.push(ctx.pass(regionResource(region), `no active external-access finding in ${region} (${external.map((a) => a.name).join(', ')})`, { region }));
      }
    }
    return results;
  },
});
