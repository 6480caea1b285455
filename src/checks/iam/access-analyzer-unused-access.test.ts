import assert from 'node:assert/strict';
import { DEFAULT_COLLECTED_AT, singleAccount, snapshot } from '../../inventory/fixtures.ts';
import type { AnalyzerFinding } from '../../services/access-analyzer/schema.ts';
import { testCheck } from '../tester.ts';
import check from './access-analyzer-unused-access.ts';

const UNUSED = 'arn:aws:access-analyzer:us-east-1:111111111111:analyzer/unused';
const ago = (days: number) => new Date(Date.parse(DEFAULT_COLLECTED_AT) - days * 86_400_000).toISOString();
const finding = (id: string, findingType: string, resource: string, createdDaysAgo: number): AnalyzerFinding => ({
  id,
  findingType,
  resourceType: 'AWS::IAM::Role',
  resource,
  resourceOwnerAccount: '111111111111',
  status: 'ACTIVE',
  createdAt: ago(createdDaysAgo),
  updatedAt: null,
  isPublic: null,
});
const withUnused = (findings: AnalyzerFinding[]) =>
  singleAccount((a) =>
    a.inRegion('us-east-1', (r) =>
      r
        .analyzers([{ name: 'org', type: 'ORGANIZATION' }, { name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS' }])
        .set('accessAnalyzer.findings', [{ analyzerArn: UNUSED, findings: { ok: true, value: findings } }]),
    ),
  );

testCheck(check, {
  pass: [
    {
      name: 'an unused-access analyzer with only recent findings',
      snapshot: withUnused([finding('u1', 'UnusedIAMRole', 'arn:aws:iam::111111111111:role/new', 5)]),
      resources: ['111111111111'],
      verify: (r) => assert.match(r[0]?.message ?? '', /1 active finding/),
    },
    {
      name: 'a member covered by the organization analyzer of another scanned account',
      snapshot: snapshot()
        .account('111111111111')
        .account('222222222222', (a) => a.everyRegion((r) => r.analyzers([{ name: 'org', type: 'ORGANIZATION' }])).memberOf('111111111111'))
        .build(),
      resources: ['111111111111', '222222222222'],
    },
  ],
  fail: [
    {
      name: 'findings open longer than 30 days',
      snapshot: withUnused([
        finding('u1', 'UnusedIAMRole', 'arn:aws:iam::111111111111:role/old', 60),
        finding('u2', 'UnusedPermission', 'arn:aws:iam::111111111111:role/app', 45),
        finding('u3', 'UnusedIAMUserAccessKey', 'arn:aws:iam::111111111111:user/ci', 2),
      ]),
      resources: ['arn:aws:iam::111111111111:role/old', 'arn:aws:iam::111111111111:role/app'],
    },
    { name: 'a shorter limit from the options', snapshot: withUnused([finding('u3', 'UnusedIAMUserPassword', 'arn:aws:iam::111111111111:user/bob', 2)]), options: { maxFindingAgeDays: 1 } },
  ],
  warn: [{ name: 'no unused-access analyzer (only external access ones)', snapshot: singleAccount((a) => a.everyRegion((r) => r.analyzers([{ name: 'org', type: 'ORGANIZATION' }]))), resources: ['111111111111'] }],
  error: [
    {
      name: 'analyzers unreadable in a Region and none found elsewhere',
      snapshot: singleAccount((a) => a.everyRegion((r) => r.analyzers([{ name: 'org', type: 'ORGANIZATION' }])).inRegion('eu-west-1', (r) => r.fail('accessAnalyzer.analyzers', 'AccessDenied', 'access-analyzer:ListAnalyzers'))),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
    {
      name: 'findings of the unused-access analyzer refused',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .analyzers([{ name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS' }])
            .set('accessAnalyzer.findings', [{ analyzerArn: UNUSED, findings: { ok: false, error: { code: 'AccessDenied', message: 'no', operation: 'access-analyzer:ListFindings' } } }]),
        ),
      ),
      code: 'AccessDenied',
      resources: ['unused'],
    },
  ],
});
