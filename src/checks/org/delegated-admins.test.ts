import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
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
const admins = (list: unknown) => singleAccount((a) => a.set('organizations.delegatedAdministrators', list));
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
  ],
  error: [
    {
      name: 'delegated administrators unreadable',
      snapshot: singleAccount((a) => a.fail('organizations.delegatedAdministrators', 'AccessDenied', 'organizations:ListDelegatedAdministrators')),
      code: 'AccessDenied',
      resources: ['o-exampleorg1'],
    },
  ],
  notApplicable: [{ name: 'standalone account', snapshot: singleAccount((a) => a.noOrganization()) }],
});
