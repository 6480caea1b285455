import assert from 'node:assert/strict';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './guardduty-delegated-admin.ts';

const MGMT = '111111111111';
const AUDIT = '222222222222';
const admins = (list: Array<{ adminAccountId: string; adminStatus: string }>) => (a: import('../../inventory/fixtures.ts').AccountBuilder) =>
  a.everyRegion((r) => r.set('guardduty.organizationAdminAccounts', list));

testCheck(check, {
  pass: [
    { name: 'an enabled administrator in every Region', snapshot: singleAccount(admins([{ adminAccountId: AUDIT, adminStatus: 'ENABLED' }])), resources: ['eu-west-1', 'us-east-1'] },
    {
      name: 'the configured Security Audit account; members of the same scan report nothing',
      snapshot: snapshot()
        .account(MGMT, admins([{ adminAccountId: AUDIT, adminStatus: 'ENABLED' }]))
        .account(AUDIT, (a) => a.memberOf(MGMT))
        .build(),
      options: { securityAuditAccountId: AUDIT },
      verify: (results) => assert.equal(results.length, 2),
    },
  ],
  fail: [
    {
      name: 'no administrator in one Region',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('guardduty.organizationAdminAccounts', []))),
      resources: ['eu-west-1'],
    },
    {
      name: 'an administrator being disabled',
      snapshot: singleAccount(admins([{ adminAccountId: AUDIT, adminStatus: 'DISABLE_IN_PROGRESS' }])),
      resources: ['eu-west-1', 'us-east-1'],
      verify: (results) => assert.match(results[0]?.message ?? '', /DISABLE_IN_PROGRESS/),
    },
    {
      name: 'administered by another account than the Security Audit account',
      snapshot: singleAccount(admins([{ adminAccountId: '333333333333', adminStatus: 'ENABLED' }])),
      options: { securityAuditAccountId: AUDIT },
      resources: ['eu-west-1', 'us-east-1'],
    },
  ],
  error: [
    {
      name: 'listing denied in one Region',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('guardduty.organizationAdminAccounts', 'AccessDenied', 'guardduty:ListOrganizationAdminAccounts'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
    {
      name: 'a member account scanned without its management account',
      snapshot: singleAccount((a) => a.memberOf('999999999999'), { accountId: AUDIT }),
      code: 'NotCollected',
      verify: (results) => assert.match(results[0]?.error?.message ?? '', /999999999999; run with --org/),
    },
  ],
  notApplicable: [{ name: 'not in an organization', snapshot: singleAccount((a) => a.noOrganization()) }],
});
