import assert from 'node:assert/strict';
import { singleAccount, snapshot, type AccountBuilder } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './guardduty-org-auto-enable.ts';

const MGMT = '111111111111';
const AUDIT = '222222222222';
const APP = '333333333333';

/** Management delegating to AUDIT; AUDIT's own data edited by `admin`. */
function org(admin: (a: AccountBuilder) => void = () => {}, opts: { withAdmin?: boolean } = {}) {
  const s = snapshot().account(MGMT, (a) =>
    a
      .org((o) => o.memberAccount(AUDIT, 'audit').memberAccount(APP, 'app').memberAccount('444444444444', 'gone', undefined, 'SUSPENDED'))
      .everyRegion((r) => r.set('guardduty.organizationAdminAccounts', [{ adminAccountId: AUDIT, adminStatus: 'ENABLED' }])),
  );
  if (opts.withAdmin ?? true) {
    s.account(AUDIT, (a) => {
      a.memberOf(MGMT).everyRegion((r) =>
        r.set('guardduty.members', [
          { accountId: MGMT, relationshipStatus: 'Enabled' },
          { accountId: APP, relationshipStatus: 'Enabled' },
        ]),
      );
      admin(a);
    });
  }
  return s.build();
}

testCheck(check, {
  pass: [
    { name: 'the account administers itself with ALL', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'ALL and every ACTIVE account Enabled, judged in the administrator run',
      snapshot: org(),
      verify: (results) => assert.ok(results.every((r) => r.message.includes('auto-enables ALL'))),
    },
  ],
  fail: [
    {
      name: 'auto-enable NONE',
      snapshot: org((a) => a.inRegion('eu-west-1', (r) => r.set('guardduty.organizationConfiguration', { detectorId: 'd1', autoEnableOrganizationMembers: 'NONE', autoEnable: false }))),
      resources: ['eu-west-1'],
    },
    {
      name: 'an ACTIVE account that is not an Enabled member',
      snapshot: org((a) => a.everyRegion((r) => r.set('guardduty.members', [{ accountId: MGMT, relationshipStatus: 'Enabled' }, { accountId: APP, relationshipStatus: 'Removed' }]))),
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => assert.match(results.find((r) => r.status === 'fail')?.message ?? '', /333333333333 \(Removed\)/),
    },
    {
      name: 'no delegated administrator (judged in the management account)',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('guardduty.organizationAdminAccounts', []))),
      resources: ['us-east-1'],
    },
  ],
  warn: [
    {
      name: 'auto-enable NEW only',
      snapshot: org((a) => a.inRegion('us-east-1', (r) => r.set('guardduty.organizationConfiguration', { detectorId: 'd1', autoEnableOrganizationMembers: 'NEW', autoEnable: true }))),
      resources: ['us-east-1'],
    },
  ],
  error: [
    {
      name: 'the management account scanned without its delegated administrator',
      snapshot: org(() => {}, { withAdmin: false }),
      code: 'NotCollected',
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => assert.match(results[0]?.error?.message ?? '', /delegated administrator account 222222222222; run with --org/),
    },
    {
      name: 'a member without a detector scanned alone is not taken for the administrator',
      snapshot: singleAccount((a) => a.memberOf('999999999999').everyRegion((r) => r.guardDuty('none').set('guardduty.organizationConfiguration', null)), { accountId: AUDIT }),
      code: 'NotCollected',
      verify: (results) => assert.ok(results.every((r) => r.status === 'error'), 'no verdict without the management account'),
    },
    {
      name: 'the configuration unreadable in the administrator',
      snapshot: org((a) => a.inRegion('eu-west-1', (r) => r.fail('guardduty.organizationConfiguration', 'AccessDenied', 'guardduty:DescribeOrganizationConfiguration'))),
      code: 'AccessDenied',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'not in an organization', snapshot: singleAccount((a) => a.noOrganization()) }],
});
