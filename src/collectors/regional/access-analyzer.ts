// IAM Access Analyzer collector (per Region): every analyzer, account- and organization-level alike (no type filter,
// since an organization analyzer in the delegated admin covers the Region too) — what access-analyzer-enabled reads.
import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import { drain } from '../collect.ts';
import type { RegionalCollector } from '../types.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import { need, read, regionalClient } from './shared.ts';

const OPS = { list: 'access-analyzer:ListAnalyzers' } as const;

export const accessAnalyzerCollector: RegionalCollector<'accessAnalyzer'> = {
  key: 'accessAnalyzer',
  operations: Object.values(OPS),
  async collect(ctx): Promise<RegionalSnapshot['accessAnalyzer']> {
    const client = regionalClient(ctx, AccessAnalyzerClient);
    const analyzers = await read(OPS.list, ctx.region, () =>
      ctx.limiter.run(async () =>
        (await drain(paginateListAnalyzers({ client, pageSize: 100 }, {}), (p) => p.analyzers)).map((a) => ({
          arn: need(a.arn, 'analyzer.arn'),
          name: need(a.name, 'analyzer.name'),
          type: need(a.type, 'analyzer.type'),
          status: need(a.status, 'analyzer.status'),
        })),
      ),
    );
    return { analyzers };
  },
};
