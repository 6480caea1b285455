// IAM Access Analyzer collector (per Region): every analyzer, account- and organization-level alike (no type filter,
// since an organization analyzer in the delegated admin covers the Region too) — what access-analyzer-enabled reads —
// and the ACTIVE findings of each active external-access and unused-access analyzer (ListFindingsV2 filtered on
// status), with GetFindingV2 only for ExternalAccess findings, whose summary does not say whether access is public.
import {
  AccessAnalyzerClient,
  paginateGetFindingV2,
  paginateListAnalyzers,
  paginateListFindingsV2,
  type FindingSummaryV2,
} from '@aws-sdk/client-accessanalyzer';
import { drain } from '../../collectors/collect.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { failed, type Collected } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import type { AnalyzerFinding } from './schema.ts';
import { isoOrNull } from '../../collectors/shape.ts';
import { need, read, regionalClient, type RegionalContext } from '../../collectors/regional/shared.ts';

// ListFindingsV2 and GetFindingV2 are authorized by the V1 actions (src/aws/actions.ts renames them too)
const OPS = {
  list: 'access-analyzer:ListAnalyzers',
  findings: 'access-analyzer:ListFindings',
  finding: 'access-analyzer:GetFinding',
} as const;

/** Analyzer types whose findings the catalog reads: external access and unused access (not internal access). */
export const FINDING_ANALYZER_TYPES: ReadonlySet<string> = new Set(['ACCOUNT', 'ORGANIZATION', 'ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS']);

type Analyzer = { arn: string; name: string; type: string; status: string };

async function isPublic(ctx: RegionalContext, client: AccessAnalyzerClient, analyzerArn: string, id: string): Promise<Collected<boolean | null>> {
  return read(OPS.finding, ctx.region, () =>
    ctx.limiter.run(async () => {
      const details = await drain(paginateGetFindingV2({ client, pageSize: 100 }, { analyzerArn, id }), (p) => p.findingDetails);
      const external = details.flatMap((d) => (d.externalAccessDetails ? [d.externalAccessDetails] : []));
      if (external.length === 0) return null;
      return external.some((e) => e.isPublic === true);
    }),
  );
}

async function toFinding(ctx: RegionalContext, client: AccessAnalyzerClient, analyzerArn: string, f: FindingSummaryV2): Promise<AnalyzerFinding> {
  const id = need(f.id, 'finding.id');
  const findingType = f.findingType ?? null;
  return {
    id,
    findingType,
    resourceType: need(f.resourceType, 'finding.resourceType'),
    resource: f.resource ?? null,
    resourceOwnerAccount: need(f.resourceOwnerAccount, 'finding.resourceOwnerAccount'),
    status: need(f.status, 'finding.status'),
    createdAt: need(isoOrNull(f.createdAt), 'finding.createdAt'),
    updatedAt: isoOrNull(f.updatedAt),
    isPublic: findingType === 'ExternalAccess' ? await isPublic(ctx, client, analyzerArn, id) : null,
  };
}

async function activeFindings(ctx: RegionalContext, client: AccessAnalyzerClient, analyzerArn: string): Promise<Collected<AnalyzerFinding[]>> {
  const listed = await read(OPS.findings, ctx.region, () =>
    ctx.limiter.run(() => drain(paginateListFindingsV2({ client, pageSize: 100 }, { analyzerArn, filter: { status: { eq: ['ACTIVE'] } } }), (p) => p.findings)),
  );
  if (!listed.ok) return listed;
  // shape errors of one finding fail the analyzer's list (read() maps them to ParseError)
  return read(OPS.findings, ctx.region, () => Promise.all(listed.value.map((f) => toFinding(ctx, client, analyzerArn, f))));
}

export const accessAnalyzerCollector: RegionalCollector<'accessAnalyzer'> = {
  key: 'accessAnalyzer',
  operations: Object.values(OPS),
  async collect(ctx): Promise<RegionalSnapshot['accessAnalyzer']> {
    const client = regionalClient(ctx, AccessAnalyzerClient);
    const analyzers = await read(OPS.list, ctx.region, () =>
      ctx.limiter.run(async () =>
        (await drain(paginateListAnalyzers({ client, pageSize: 100 }, {}), (p) => p.analyzers)).map(
          (a): Analyzer => ({
            arn: need(a.arn, 'analyzer.arn'),
            name: need(a.name, 'analyzer.name'),
            type: need(a.type, 'analyzer.type'),
            status: need(a.status, 'analyzer.status'),
          }),
        ),
      ),
    );
    if (!analyzers.ok) {
      return {
        analyzers,
        findings: failed({ code: 'NotCollected', operation: OPS.findings, message: `analyzers could not be listed (${analyzers.error.code})`, region: ctx.region }),
      };
    }
    const listed = analyzers.value.filter((a) => a.status === 'ACTIVE' && FINDING_ANALYZER_TYPES.has(a.type));
    const findings = await Promise.all(listed.map(async (a) => ({ analyzerArn: a.arn, findings: await activeFindings(ctx, client, a.arn) })));
    return { analyzers, findings: { ok: true, value: findings } };
  },
};
