import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './account-mgmt-trusted-access.ts';

const ORG = 'o-exampleorg1';

testCheck(check, {
  pass: [{ name: 'account.amazonaws.com has trusted access', snapshot: singleAccount(), resources: [ORG] }],
  fail: [
    {
      name: 'only IAM has trusted access',
      snapshot: singleAccount((a) => a.set('organizations.serviceAccess', [{ servicePrincipal: 'iam.amazonaws.com', dateEnabled: null }])),
      resources: [ORG],
    },
  ],
  error: [
    {
      name: 'trusted-access list denied',
      snapshot: singleAccount((a) => a.fail('organizations.serviceAccess', 'AccessDenied', 'organizations:ListAWSServiceAccessForOrganization')),
      code: 'AccessDenied',
      resources: [ORG],
    },
  ],
  notApplicable: [{ name: 'standalone account', snapshot: singleAccount((a) => a.noOrganization()), resources: ['111111111111'] }],
});
