import assert from 'node:assert/strict';
import { singleAccount, type OrgBuilder } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check, { T5 } from './scp-protect-security-services.ts';

const MGMT = '111111111111';
const DEV = '222222222222';
const BREAK_GLASS = 'arn:aws:iam::*:role/BreakGlass';
const org = (edit: (o: OrgBuilder) => void) => singleAccount((a) => a.org(edit));
const deny = (Action: unknown, Condition?: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action, Resource: '*', ...(Condition ? { Condition } : {}) }],
});
const all = Object.values(T5).flat();

testCheck(check, {
  pass: [
    { name: 'T5 on the root', snapshot: org((o) => o.memberAccount(DEV, 'dev').scp('p-t5', 'ProtectSecurity', deny(all), ['r-ex01'])), resources: [DEV] },
    {
      name: 'stricter variants: wildcards per service, with the allowed exemption',
      snapshot: org((o) =>
        o
          .memberAccount(DEV, 'dev')
          .scp('p-t5', 'ReadOnlySecurity', deny(['guardduty:*', 'securityhub:*', 'config:Delete*', 'config:StopConfigurationRecorder', 'access-analyzer:DeleteAnalyzer'], { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } }), ['r-ex01']),
      ),
      options: { allowedExemptionPrincipalPatterns: [BREAK_GLASS] },
      resources: [DEV],
    },
  ],
  fail: [
    {
      name: 'only GuardDuty protected: the others reported per service',
      snapshot: org((o) => o.memberAccount(DEV, 'dev').scp('p-gd', 'ProtectGuardDuty', deny(T5.GuardDuty), ['r-ex01'])),
      resources: [DEV],
      verify: (r) => {
        const m = r.find((x) => x.resource.id === DEV)?.message ?? '';
        assert.match(m, /Security Hub \(/);
        assert.match(m, /AWS Config \(/);
        assert.match(m, /IAM Access Analyzer \(access-analyzer:DeleteAnalyzer not denied\)/);
        assert.doesNotMatch(m, /GuardDuty/);
      },
    },
    { name: 'no SCP at all', snapshot: org((o) => o.withoutGuardrails().memberAccount(DEV, 'dev')), resources: [DEV] },
  ],
  error: [
    { name: 'member account scanned alone', snapshot: singleAccount((a) => a.memberOf(MGMT), { accountId: DEV }), code: 'AccessDenied' },
    { name: 'unparsed SCP and a gap', snapshot: org((o) => o.memberAccount(DEV, 'dev').scp('p-bad', 'Broken', 'not json', ['r-ex01'])), code: 'ParseError', resources: [DEV] },
  ],
});
