import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { T1_DENY_LEAVE_ORG, T2_DENY_ROOT } from '../../services/organizations/fixtures.ts';
import type { OrgBuilder } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './scp-deny-root.ts';

const MGMT = '111111111111';
const DEV = '222222222222';
const PROD = '333333333333';
const BREAK_GLASS = 'arn:aws:iam::*:role/BreakGlass';

const org = (edit: (o: OrgBuilder) => void) => singleAccount((a) => a.org(edit));
const rootDeny = (extra: Record<string, unknown>, condition: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyRootUser',
      Effect: 'Deny',
      Resource: '*',
      ...extra,
      Condition: { StringLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:root'] }, ...condition },
    },
  ],
});
const failure = (id: string) => (r: CheckResult[]) => r.find((x) => x.resource.id === id && x.status === 'fail');

testCheck(check, {
  pass: [
    {
      name: 'T1+T2 in one document on the root (seed 002 layout); management account not applicable',
      snapshot: org((o) => o.memberAccount(DEV, 'dev')),
      resources: [DEV],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === MGMT)?.status, 'not_applicable'),
    },
    {
      name: 'T2 alone on the parent OU',
      snapshot: org((o) => o.withoutGuardrails().ou('ou-work', 'Workloads').memberAccount(DEV, 'dev', 'ou-work').scp('p-t2', 'DenyRoot', T2_DENY_ROOT, ['ou-work'])),
      resources: [DEV],
    },
    {
      name: 'allowed break-glass exemption',
      snapshot: org((o) =>
        o.withoutGuardrails().memberAccount(DEV, 'dev').scp('p-t2', 'DenyRoot', rootDeny({ Action: '*' }, { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } }), ['r-ex01']),
      ),
      options: { allowedExemptionPrincipalPatterns: [BREAK_GLASS] },
      resources: [DEV],
    },
  ],
  fail: [
    {
      name: 'only T1 deployed: no root deny (high)',
      snapshot: org((o) => o.withoutGuardrails().memberAccount(DEV, 'dev').scp('p-t1', 'DenyLeave', T1_DENY_LEAVE_ORG, ['r-ex01'])),
      resources: [DEV],
      verify: (r) => assert.equal(failure(DEV)(r)?.severity, undefined),
    },
    {
      name: 'root deny of only some actions',
      snapshot: org((o) => o.withoutGuardrails().memberAccount(DEV, 'dev').scp('p-s3', 'DenyRootS3', rootDeny({ Action: 's3:*' }), ['r-ex01'])),
      resources: [DEV],
      verify: (r) => assert.equal(failure(DEV)(r)?.severity, undefined),
    },
    {
      name: 'exemption not in the configured list',
      snapshot: org((o) =>
        o.withoutGuardrails().memberAccount(DEV, 'dev').scp('p-t2', 'DenyRoot', rootDeny({ Action: '*' }, { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } }), ['r-ex01']),
      ),
      resources: [DEV],
    },
    {
      name: 'T2 on one OU only',
      snapshot: org((o) =>
        o
          .withoutGuardrails()
          .ou('ou-a', 'Workloads')
          .ou('ou-b', 'Sandbox')
          .memberAccount(DEV, 'dev', 'ou-a')
          .memberAccount(PROD, 'sbx', 'ou-b')
          .scp('p-t2', 'DenyRoot', T2_DENY_ROOT, ['ou-a']),
      ),
      resources: [PROD],
    },
  ],
  error: [
    {
      name: 'member account scanned alone',
      snapshot: singleAccount((a) => a.memberOf(MGMT), { accountId: DEV }),
      code: 'AccessDenied',
      resources: [DEV],
      verify: (r) => assert.match(r[0]?.message ?? '', /scan from the management account/),
    },
    {
      name: 'NotAction deny plus an unparseable SCP that might hold the full deny',
      snapshot: org((o) =>
        o
          .withoutGuardrails()
          .memberAccount(DEV, 'dev')
          .scp('p-na', 'DenyRootMostly', rootDeny({ NotAction: ['iam:EnableMFADevice'] }), ['r-ex01'])
          .scp('p-bad', 'Broken', '{"Version": "2012-10-17", "Statement": [', [DEV]),
      ),
      code: 'ParseError',
      resources: [DEV],
    },
  ],
  warn: [
    {
      name: 'root deny written with NotAction: the catalog WARN, naming the gaps',
      snapshot: org((o) =>
        o.withoutGuardrails().memberAccount(DEV, 'dev').scp('p-na', 'DenyRootMostly', rootDeny({ NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice'] }), ['r-ex01']),
      ),
      resources: [DEV],
      verify: (r) => {
        const w = r.find((x) => x.resource.id === DEV);
        assert.equal(w?.status, 'warn');
        assert.equal(w?.severity, undefined, 'a warning keeps the check severity; the status says it is weaker');
        assert.match(w?.message ?? '', /leaves gaps/);
        assert.match(w?.message ?? '', /iam:EnableMFADevice/);
      },
    },
  ],
  notApplicable: [
    {
      name: 'Exception OU account is exempt',
      snapshot: org((o) => o.withoutGuardrails().ou('ou-exc', 'Exception').memberAccount(DEV, 'dev', 'ou-exc')),
      resources: [MGMT, DEV],
    },
    { name: 'no organization', snapshot: singleAccount((a) => a.noOrganization()), resources: [MGMT] },
  ],
});
