import assert from 'node:assert/strict';
import { collectError, singleAccount, snapshot, type AccountBuilder } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './securityhub-org-aggregation.ts';

const MGMT = '111111111111';
const AUDIT = '222222222222';
const AGG = `arn:aws:securityhub:us-east-1:${AUDIT}:finding-aggregator/abc`;

function org(admin: (a: AccountBuilder) => void = () => {}, opts: { withAdmin?: boolean; adminId?: string } = {}) {
  const s = snapshot().account(MGMT, (a) =>
    a.org((o) => o.memberAccount(AUDIT, 'audit')).everyRegion((r) => r.set('securityhub.organizationAdminAccounts', [{ accountId: opts.adminId ?? AUDIT, status: 'ENABLED' }])),
  );
  if (opts.withAdmin ?? true) {
    s.account(AUDIT, (a) => {
      a.memberOf(MGMT).everyRegion((r, region) =>
        r.set('securityhub.findingAggregators', [
          {
            arn: AGG,
            detail:
              region === 'us-east-1'
                ? { ok: true, value: { aggregationRegion: 'us-east-1', regionLinkingMode: 'ALL_REGIONS', regions: [] } }
                : { ok: false, error: collectError('NotCollected', 'securityhub:GetFindingAggregator', region) },
          },
        ]),
      );
      admin(a);
    });
  }
  return s.build();
}
const linking = (mode: string, regions: string[]) => (a: AccountBuilder) =>
  a.inRegion('us-east-1', (r) => r.set('securityhub.findingAggregators', [{ arn: AGG, detail: { ok: true, value: { aggregationRegion: 'us-east-1', regionLinkingMode: mode, regions } } }]));

testCheck(check, {
  pass: [
    { name: 'the account administers itself (fixture baseline)', snapshot: singleAccount(), resources: [MGMT] },
    { name: 'the Security Audit account, judged in its own run', snapshot: org(), options: { securityAuditAccountId: AUDIT }, resources: [AUDIT] },
    { name: 'specified Regions covering every scanned Region', snapshot: org(linking('SPECIFIED_REGIONS', ['eu-west-1'])), resources: [AUDIT] },
  ],
  fail: [
    { name: 'no delegated administrator', snapshot: singleAccount((a) => a.everyRegion((r) => r.set('securityhub.organizationAdminAccounts', []))), resources: [MGMT] },
    { name: 'another administrator than the Security Audit account', snapshot: org(() => {}, { adminId: '333333333333', withAdmin: false }), options: { securityAuditAccountId: AUDIT }, resources: [MGMT] },
    {
      name: 'no auto-enable in a Region without central configuration',
      snapshot: org((a) => a.everyRegion((r, region) => r.set('securityhub.organizationConfiguration', { autoEnable: region !== 'eu-west-1', configurationType: 'LOCAL', status: 'ENABLED' }))),
      resources: [AUDIT],
      verify: (results) => assert.match(results[0]?.message ?? '', /eu-west-1/),
    },
    { name: 'no aggregator', snapshot: org((a) => a.everyRegion((r) => r.set('securityhub.findingAggregators', []))), resources: [AUDIT] },
    { name: 'an aggregator leaving a scanned Region out', snapshot: org(linking('ALL_REGIONS_EXCEPT_SPECIFIED', ['eu-west-1'])), resources: [AUDIT] },
  ],
  error: [
    {
      name: 'the management account scanned without its administrator',
      snapshot: org(() => {}, { withAdmin: false }),
      code: 'NotCollected',
      resources: [MGMT],
      verify: (results) => assert.match(results[0]?.error?.message ?? '', /delegated administrator account 222222222222; run with --org/),
    },
    {
      name: 'the aggregation Region not scanned',
      snapshot: org((a) => a.inRegion('us-east-1', (r) => r.fail('securityhub.findingAggregators.value.0.detail', 'AccessDenied', 'securityhub:GetFindingAggregator'))),
      resources: [AUDIT],
    },
    {
      name: 'a member scanned alone',
      snapshot: singleAccount((a) => a.memberOf('999999999999'), { accountId: AUDIT }),
      code: 'NotCollected',
    },
  ],
  notApplicable: [{ name: 'not in an organization', snapshot: singleAccount((a) => a.noOrganization()) }],
});
