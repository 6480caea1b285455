import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import type { AnalyzerFinding } from '../../services/access-analyzer/schema.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './access-analyzer-external-findings.ts';

const ORG = (region: string) => `arn:aws:access-analyzer:${region}:111111111111:analyzer/org`;
const finding = (id: string, resource: string, isPublic: AnalyzerFinding['isPublic'], extra: Partial<AnalyzerFinding> = {}): AnalyzerFinding => ({
  id,
  findingType: 'ExternalAccess',
  resourceType: 'AWS::S3::Bucket',
  resource,
  resourceOwnerAccount: '111111111111',
  status: 'ACTIVE',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: null,
  isPublic,
  ...extra,
});

testCheck(check, {
  pass: [
    {
      name: 'the default organization analyzers report nothing',
      snapshot: singleAccount(),
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
  fail: [
    {
      name: 'a public bucket (critical) and a cross-account role (high); unused-access findings are not this check',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('accessAnalyzer.findings', [
            {
              analyzerArn: ORG('us-east-1'),
              findings: {
                ok: true,
                value: [
                  finding('f1', 'arn:aws:s3:::open', { ok: true, value: true }),
                  finding('f2', 'arn:aws:iam::111111111111:role/vendor', { ok: true, value: false }, { resourceType: 'AWS::IAM::Role' }),
                  finding('f3', 'arn:aws:iam::111111111111:role/old', null, { findingType: 'UnusedIAMRole' }),
                ],
              },
            },
          ]),
        ),
      ),
      resources: ['arn:aws:s3:::open', 'arn:aws:iam::111111111111:role/vendor'],
      verify: (r) => {
        const sev = Object.fromEntries(r.filter((x) => x.status === 'fail').map((x) => [x.resource.id, x.severity]));
        assert.deepEqual(sev, { 'arn:aws:s3:::open': 'critical', 'arn:aws:iam::111111111111:role/vendor': 'high' });
        assert.equal(r.find((x) => x.resource.id === 'eu-west-1')?.status, 'pass');
        assert.match(remediationOf(check, r.find((x) => x.resource.id === 'arn:aws:s3:::open')).cli ?? '', /get-finding-v2 --analyzer-arn arn:aws:access-analyzer:us-east-1:111111111111:analyzer\/org --id f1/);
      },
    },
    {
      name: 'public status unreadable: still a finding, high, saying so',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.set('accessAnalyzer.findings', [
            { analyzerArn: ORG('eu-west-1'), findings: { ok: true, value: [finding('f1', 'arn:aws:s3:::x', { ok: false, error: { code: 'AccessDenied', message: 'no', operation: 'access-analyzer:GetFinding' } })] } },
          ]),
        ),
      ),
      resources: ['arn:aws:s3:::x'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /could not be read: AccessDenied/),
    },
  ],
  error: [
    {
      name: 'findings of the analyzer refused',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('accessAnalyzer.findings', [{ analyzerArn: ORG('us-east-1'), findings: { ok: false, error: { code: 'AccessDenied', message: 'no', operation: 'access-analyzer:ListFindings', region: 'us-east-1' } } }]),
        ),
      ),
      code: 'AccessDenied',
      resources: ['org'],
    },
    {
      name: 'analyzers could not be listed',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('accessAnalyzer.analyzers', 'Unsupported', 'access-analyzer:ListAnalyzers').fail('accessAnalyzer.findings', 'NotCollected', 'access-analyzer:ListFindings'))),
      code: 'Unsupported',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'no external-access analyzer', snapshot: singleAccount((a) => a.everyRegion((r) => r.analyzers([{ name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS' }]))) }],
});
