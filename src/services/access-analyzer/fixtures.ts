// Test and demo data for the IAM Access Analyzer slice.
import { ok } from '../../inventory/collected.ts';
import type { AccessAnalyzerSlice } from './schema.ts';

/** The secure baseline: an organization analyzer in every Region, and the unused-access one in the home Region. */
export function secureAccessAnalyzer(accountId: string, region: string, homeRegion: string): AccessAnalyzerSlice {
  return {
    analyzers: ok([
      { arn: `arn:aws:access-analyzer:${region}:${accountId}:analyzer/org`, name: 'org', type: 'ORGANIZATION', status: 'ACTIVE' },
      // unused access is global (IAM): one analyzer, in the home Region
      ...(region === homeRegion
        ? [{ arn: `arn:aws:access-analyzer:${region}:${accountId}:analyzer/org-unused`, name: 'org-unused', type: 'ORGANIZATION_UNUSED_ACCESS', status: 'ACTIVE' }]
        : []),
    ]),
    findings: ok([
      { analyzerArn: `arn:aws:access-analyzer:${region}:${accountId}:analyzer/org`, findings: ok([]) },
      ...(region === homeRegion ? [{ analyzerArn: `arn:aws:access-analyzer:${region}:${accountId}:analyzer/org-unused`, findings: ok([]) }] : []),
    ]),
  };
}

/** The given analyzers (type ACCOUNT, status ACTIVE unless told), each active one listed with no finding yet. */
export function analyzersSlice(list: Array<{ name: string; type?: string; status?: string }>, region: string, accountId: string): AccessAnalyzerSlice {
  const analyzers = list.map((a) => ({
    arn: `arn:aws:access-analyzer:${region}:${accountId}:analyzer/${a.name}`,
    name: a.name,
    type: a.type ?? 'ACCOUNT',
    status: a.status ?? 'ACTIVE',
  }));
  return {
    analyzers: ok(analyzers),
    // as the collector records them: no findings yet for each active analyzer whose findings it lists
    findings: ok(analyzers.filter((a) => a.status === 'ACTIVE' && !a.type.endsWith('INTERNAL_ACCESS')).map((a) => ({ analyzerArn: a.arn, findings: ok([]) }))),
  };
}
