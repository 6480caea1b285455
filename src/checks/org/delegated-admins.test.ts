import assert from 'node:assert/strict';
import { singleAccount, snapshot, type AccountBuilder, type RegionBuilder } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './delegated-admins.ts';

const MGMT = '111111111111';
const AUDIT = '333333333333';
const IDP = '444444444444';
const OTHER = '555555555555';
const SECURITY = ['guardduty.amazonaws.com', 'securityhub.amazonaws.com', 'cloudtrail.amazonaws.com', 'access-analyzer.amazonaws.com', 'config.amazonaws.com'];
const PRINCIPALS = [...SECURITY, 'sso.amazonaws.com'];
const good = [
  { accountId: AUDIT, servicePrincipals: [...SECURITY.slice(0, 4), 'config-multiaccountsetup.amazonaws.com'] },
  { accountId: IDP, servicePrincipals: ['sso.amazonaws.com'] },
];
/** The services' own administrator lists name AUDIT in every Region (as `aws guardduty enable-organization-admin-account` leaves them). */
const serviceAdmins = (r: RegionBuilder, id = AUDIT) =>
  r.set('guardduty.organizationAdminAccounts', [{ adminAccountId: id, adminStatus: 'ENABLED' }]).set('securityhub.organizationAdminAccounts', [{ accountId: id, status: 'ENABLED' }]);
const admins = (list: unknown, edit: (a: AccountBuilder) => void = () => {}) =>
  singleAccount((a) => {
    a.set('organizations.delegatedAdministrators', list).everyRegion((r) => serviceAdmins(r));
    edit(a);
  });
const configured = { securityAuditAccountId: AUDIT, iamAccountId: IDP };

testCheck(check, {
  pass: [
    { name: 'designated accounts hold every service (config via multi-account setup)', snapshot: admins(good), options: configured, resources: PRINCIPALS },
    {
      name: 'delegated but no account configured: passes, saying the holder is not judged',
      snapshot: admins(good),
      resources: PRINCIPALS,
      verify: (r) => assert.match(r[0]?.message ?? '', /not judged/),
    },
  ],
  fail: [
    { name: 'nothing delegated', snapshot: singleAccount(), resources: PRINCIPALS },
    {
      name: 'GuardDuty delegated to another account than the configured Security Audit',
      snapshot: admins([{ accountId: OTHER, servicePrincipals: ['guardduty.amazonaws.com'] }, ...good.map((g) => ({ ...g, servicePrincipals: g.servicePrincipals.filter((p) => p !== 'guardduty.amazonaws.com') }))]),
      options: configured,
      resources: ['guardduty.amazonaws.com', OTHER],
    },
    {
      name: 'an untrusted extra delegated administrator',
      snapshot: admins([...good, { accountId: OTHER, servicePrincipals: ['backup.amazonaws.com'] }]),
      options: configured,
      resources: [OTHER],
      verify: (r) => assert.match(r.find((x) => x.resource.id === OTHER)?.remediation?.cli ?? '', /deregister-delegated-administrator --account-id 555555555555/),
    },
    {
      name: 'a service delegated to the management account',
      snapshot: admins([...good, { accountId: MGMT, servicePrincipals: ['securityhub.amazonaws.com'] }]),
      options: { ...configured, trustedAdminAccountIds: [MGMT] },
      resources: ['securityhub.amazonaws.com'],
    },
    {
      name: 'GuardDuty has no organization administrator of its own in one Region',
      snapshot: admins(good, (a) => a.inRegion('eu-west-1', (r) => r.set('guardduty.organizationAdminAccounts', []))),
      options: configured,
      resources: ['guardduty.amazonaws.com'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /GuardDuty has no organization administrator in eu-west-1/),
    },
    {
      name: "Security Hub's organization administrator is the management account",
      snapshot: admins(good, (a) => a.inRegion('us-east-1', (r) => r.set('securityhub.organizationAdminAccounts', [{ accountId: MGMT, status: 'ENABLED' }]))),
      options: configured,
      resources: ['securityhub.amazonaws.com'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /administrator in us-east-1 is the management account 111111111111/),
    },
    {
      name: "GuardDuty's administrator differs from the Organizations delegated administrator (nothing configured)",
      snapshot: admins(good, (a) => a.inRegion('us-east-1', (r) => r.set('guardduty.organizationAdminAccounts', [{ adminAccountId: OTHER, adminStatus: 'ENABLED' }]))),
      resources: ['guardduty.amazonaws.com'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /administered by 555555555555, not by the Organizations delegated administrator 333333333333/),
    },
    {
      name: "Security Hub's administrator is not the configured account (only a disabled one is)",
      snapshot: admins(good, (a) =>
        a.everyRegion((r) => r.set('securityhub.organizationAdminAccounts', [{ accountId: AUDIT, status: 'DISABLE_IN_PROGRESS' }, { accountId: OTHER, status: 'ENABLED' }])),
      ),
      options: configured,
      resources: ['securityhub.amazonaws.com'],
      verify: (r) => assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /not by the configured account 333333333333/),
    },
  ],
  error: [
    {
      name: 'GuardDuty ListOrganizationAdminAccounts denied: error for GuardDuty only, never a pass',
      snapshot: admins(good, (a) => a.inRegion('eu-west-1', (r) => r.fail('guardduty.organizationAdminAccounts', 'AccessDenied', 'guardduty:ListOrganizationAdminAccounts'))),
      options: configured,
      code: 'AccessDenied',
      resources: ['guardduty.amazonaws.com'],
      verify: (r) => {
        assert.match(r.find((x) => x.status === 'error')?.message ?? '', /GuardDuty organization administrators in eu-west-1/);
        assert.equal(r.find((x) => x.resource.id === 'securityhub.amazonaws.com')?.status, 'pass');
      },
    },
    {
      name: 'evaluated from a delegated administrator without the management account: the service lists are not held',
      snapshot: snapshot()
        .account(AUDIT, (a) =>
          a
            .memberOf(MGMT)
            .set('organizations.structure', { roots: [{ id: 'r-root', arn: 'arn:aws:organizations::111111111111:root/o-exampleorg1/r-root', name: 'Root', policyTypes: [] }], organizationalUnits: [], accounts: [], policies: [] })
            .set('organizations.delegatedAdministrators', good),
        )
        .build(),
      code: 'NotCollected',
      resources: ['guardduty.amazonaws.com', 'securityhub.amazonaws.com'],
      verify: (r) => assert.match(r.find((x) => x.resource.id === 'guardduty.amazonaws.com')?.error?.message ?? '', /listed only in the management account 111111111111/),
    },
    {
      name: 'delegated administrators unreadable',
      snapshot: singleAccount((a) => a.fail('organizations.delegatedAdministrators', 'AccessDenied', 'organizations:ListDelegatedAdministrators')),
      code: 'AccessDenied',
      resources: ['o-exampleorg1'],
    },
  ],
  notApplicable: [{ name: 'standalone account', snapshot: singleAccount((a) => a.noOrganization()) }],
});
