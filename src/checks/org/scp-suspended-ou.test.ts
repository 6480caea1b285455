import assert from 'node:assert/strict';
import { singleAccount, type OrgBuilder } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check, { T7_NOT_ACTION } from './scp-suspended-ou.ts';

const DEV = '222222222222';
const BREAK_GLASS = 'arn:aws:iam::*:role/BreakGlass';
const org = (edit: (o: OrgBuilder) => void) => singleAccount((a) => a.org(edit));
const denyAll = (st: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Sid: 'DenyAllSuspended', Effect: 'Deny', Resource: '*', ...st }] });
const suspended = (o: OrgBuilder) => o.ou('ou-sus', 'Suspended').memberAccount(DEV, 'old', 'ou-sus', 'SUSPENDED');

testCheck(check, {
  pass: [
    { name: 'T7 on the Suspended OU', snapshot: org((o) => suspended(o).scp('p-t7', 'DenyAllSuspended', denyAll({ NotAction: T7_NOT_ACTION }), ['ou-sus'])), resources: ['ou-sus'] },
    {
      name: 'Action "*" deny with the allowed break-glass exemption, on a parent OU',
      snapshot: org((o) =>
        o
          .ou('ou-tr', 'Transitional')
          .ou('ou-sus', 'suspended', 'ou-tr')
          .scp('p-all', 'DenyAll', denyAll({ Action: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } } }), ['ou-tr']),
      ),
      options: { allowedExemptionPrincipalPatterns: [BREAK_GLASS] },
      resources: ['ou-sus'],
    },
  ],
  fail: [
    {
      name: 'Suspended OU with no SCP and an active account',
      snapshot: org((o) => o.ou('ou-sus', 'Suspended').memberAccount(DEV, 'old', 'ou-sus')),
      resources: ['ou-sus'],
      verify: (r) => assert.match(r[0]?.message ?? '', /while 1 active account/),
    },
    {
      name: 'NotAction leaves IAM open',
      snapshot: org((o) => suspended(o).scp('p-t7', 'AlmostAll', denyAll({ NotAction: [...T7_NOT_ACTION, 'iam:*'] }), ['ou-sus'])),
      resources: ['ou-sus'],
      verify: (r) => assert.match(r[0]?.message ?? '', /leaves open iam:\*/),
    },
    { name: 'SCPs not enabled', snapshot: org((o) => suspended(o).scpEnabled(false)), resources: ['ou-sus'] },
  ],
  error: [
    {
      name: 'an SCP on the OU does not parse',
      snapshot: org((o) => suspended(o).scp('p-bad', 'Broken', '{', ['ou-sus'])),
      code: 'ParseError',
      resources: ['ou-sus'],
    },
    { name: 'member account scanned alone', snapshot: singleAccount((a) => a.memberOf('999999999999'), { accountId: DEV }), code: 'AccessDenied' },
  ],
  notApplicable: [{ name: 'no Suspended OU', snapshot: singleAccount(), resources: ['o-exampleorg1'] }],
});
