import assert from 'node:assert/strict';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import { T1_DENY_LEAVE_ORG } from '../../services/organizations/fixtures.ts';
import type { OrgBuilder } from '../../inventory/fixtures.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { testCheck } from '../tester.ts';
import check from './scp-deny-leave-org.ts';

const MGMT = '111111111111';
const DEV = '222222222222';
const PROD = '333333333333';
const BREAK_GLASS = 'arn:aws:iam::*:role/BreakGlass';

/** Management account 111… with the given organization edits (baseline: T1+T2 "Guardrails" on the root). */
const org = (edit: (o: OrgBuilder) => void) => singleAccount((a) => a.org(edit));
const statusOf = (id: string) => (r: CheckResult[]) => r.find((x) => x.resource.id === id)?.status;
const denyLeave = (extra: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*', ...extra }],
});

testCheck(check, {
  pass: [
    {
      name: 'baseline guardrails on the root cover a member; the management account is not applicable',
      snapshot: org((o) => o.memberAccount(DEV, 'dev')),
      resources: [DEV],
      verify: (r) => assert.equal(statusOf(MGMT)(r), 'not_applicable'),
    },
    {
      name: 'T1 attached to a parent OU two levels up',
      snapshot: org((o) =>
        o
          .withoutGuardrails()
          .ou('ou-work', 'Workloads')
          .ou('ou-prod', 'Prod', 'ou-work')
          .memberAccount(PROD, 'prod', 'ou-prod')
          .scp('p-t1', 'DenyLeave', T1_DENY_LEAVE_ORG, ['ou-work']),
      ),
      resources: [PROD],
    },
    {
      name: 'T1 attached directly to the account',
      snapshot: org((o) => o.withoutGuardrails().memberAccount(DEV, 'dev').scp('p-t1', 'DenyLeave', T1_DENY_LEAVE_ORG, [DEV])),
      resources: [DEV],
    },
    {
      name: 'exemption condition listing only configured principals',
      snapshot: org((o) =>
        o.withoutGuardrails().memberAccount(DEV, 'dev').scp('p-t1', 'DenyLeave', denyLeave({ Condition: { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } } }), ['r-ex01']),
      ),
      options: { allowedExemptionPrincipalPatterns: [BREAK_GLASS] },
      resources: [DEV],
    },
    {
      name: 'an unparseable SCP does not matter when a parsed one already denies',
      snapshot: org((o) => o.memberAccount(DEV, 'dev').scp('p-bad', 'Broken', { Statement: 'nope' }, [DEV])),
      resources: [DEV],
    },
    {
      name: 'organization-wide scan: the member run adds nothing, the management run judges the member',
      snapshot: snapshot()
        .account(MGMT, (a) => a.org((o) => o.memberAccount(DEV, 'dev')))
        .account(DEV, (a) => a.memberOf(MGMT))
        .build(),
      resources: [DEV],
      verify: (r) => assert.equal(r.length, 2), // pass for DEV, not_applicable for the management account
    },
  ],
  fail: [
    { name: 'no guardrails at all', snapshot: org((o) => o.withoutGuardrails().memberAccount(DEV, 'dev')), resources: [DEV] },
    {
      name: 'T1 only on the Sandbox OU: the Workloads account fails, the Sandbox account passes',
      snapshot: org((o) =>
        o
          .withoutGuardrails()
          .ou('ou-sbx', 'Sandbox')
          .ou('ou-work', 'Workloads')
          .memberAccount(DEV, 'dev', 'ou-sbx')
          .memberAccount(PROD, 'prod', 'ou-work')
          .scp('p-t1', 'DenyLeave', T1_DENY_LEAVE_ORG, ['ou-sbx']),
      ),
      resources: [PROD],
      verify: (r) => assert.equal(statusOf(DEV)(r), 'pass'),
    },
    {
      name: 'exemption for a principal that is not in the configured list',
      snapshot: org((o) =>
        o.withoutGuardrails().memberAccount(DEV, 'dev').scp('p-t1', 'DenyLeave', denyLeave({ Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/*'] } } }), ['r-ex01']),
      ),
      resources: [DEV],
    },
    {
      name: 'deny limited by an unrelated condition',
      snapshot: org((o) =>
        o.withoutGuardrails().memberAccount(DEV, 'dev').scp('p-t1', 'DenyLeave', denyLeave({ Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }), ['r-ex01']),
      ),
      resources: [DEV],
    },
    {
      name: 'SCP type disabled on the root: policies are not enforced',
      snapshot: org((o) => o.scpEnabled(false).memberAccount(DEV, 'dev')),
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /not enabled.*scp-enabled/),
    },
    {
      name: 'consolidated billing: SCPs unavailable',
      snapshot: singleAccount((a) => a.featureSet('CONSOLIDATED_BILLING').org((o) => o.memberAccount(DEV, 'dev'))),
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /CONSOLIDATED_BILLING/),
    },
  ],
  error: [
    {
      name: 'member account scanned alone',
      snapshot: singleAccount((a) => a.memberOf(MGMT), { accountId: DEV }),
      code: 'AccessDenied',
      resources: [DEV],
      verify: (r) => assert.match(r[0]?.message ?? '', /scan from the management account 111111111111/),
    },
    {
      name: 'the only candidate SCP does not parse',
      snapshot: org((o) =>
        o
          .withoutGuardrails()
          .memberAccount(DEV, 'dev')
          .memberAccount(PROD, 'prod')
          .scp('p-bad', 'Broken', { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*', Conditon: {} }] }, [DEV]),
      ),
      code: 'ParseError',
      resources: [DEV],
      verify: (r) => {
        assert.equal(statusOf(PROD)(r), 'fail');
        assert.equal(r.find((x) => x.resource.id === DEV)?.error?.operation, 'organizations:DescribePolicy');
      },
    },
    {
      name: 'parent missing from the collected structure',
      snapshot: org((o) => o.memberAccount(DEV, 'dev', 'ou-gone')),
      code: 'ParseError',
      resources: [DEV],
    },
    {
      name: 'DescribeOrganization denied',
      snapshot: singleAccount((a) => a.fail('organizations.organization', 'AccessDenied', 'organizations:DescribeOrganization')),
      code: 'AccessDenied',
      resources: [MGMT],
    },
  ],
  notApplicable: [
    {
      name: 'accounts under the Exception OU (any depth, any case) are exempt',
      snapshot: org((o) =>
        o
          .withoutGuardrails()
          .ou('ou-exc', 'exceptions')
          .ou('ou-exc-legacy', 'Legacy', 'ou-exc')
          .memberAccount(DEV, 'dev', 'ou-exc')
          .memberAccount(PROD, 'legacy', 'ou-exc-legacy'),
      ),
      resources: [MGMT, DEV, PROD],
      verify: (r) => assert.match(r.find((x) => x.resource.id === DEV)?.message ?? '', /exempt/),
    },
    {
      name: 'Exception OU names are an option',
      snapshot: org((o) => o.withoutGuardrails().ou('ou-bg', 'BreakGlass').memberAccount(DEV, 'dev', 'ou-bg')),
      options: { exceptionOuNames: ['BreakGlass'] },
      resources: [MGMT, DEV],
    },
    {
      name: 'suspended account',
      snapshot: org((o) => o.withoutGuardrails().memberAccount(DEV, 'old', undefined, 'SUSPENDED')),
      resources: [MGMT, DEV],
    },
    { name: 'no organization: see org-exists', snapshot: singleAccount((a) => a.noOrganization()), resources: [MGMT] },
  ],
});
