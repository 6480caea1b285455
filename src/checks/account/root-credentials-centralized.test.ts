import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './root-credentials-centralized.ts';

const ORG = 'o-exampleorg1';
const features = (enabledFeatures: string[]) => ({ organizationId: ORG, enabledFeatures });
const iamAccess = [{ servicePrincipal: 'iam.amazonaws.com', dateEnabled: null }];

testCheck(check, {
  pass: [{ name: 'both features and IAM trusted access', snapshot: singleAccount(), resources: [ORG] }],
  fail: [
    {
      name: 'IAM trusted access not enabled (ServiceAccessNotEnabledException recorded as null)',
      snapshot: singleAccount((a) => a.set('iam.organizationsFeatures', null).set('organizations.serviceAccess', [])),
      resources: [ORG],
    },
    { name: 'RootCredentialsManagement absent', snapshot: singleAccount((a) => a.set('iam.organizationsFeatures', features(['RootSessions']))), resources: [ORG] },
    {
      name: 'consolidated billing only: no features can be read or on',
      snapshot: singleAccount((a) => a.featureSet('CONSOLIDATED_BILLING').fail('iam.organizationsFeatures', 'Unknown', 'iam:ListOrganizationsFeatures')),
      resources: [ORG],
    },
  ],
  warn: [
    {
      name: 'credentials management without root sessions',
      snapshot: singleAccount((a) => a.set('iam.organizationsFeatures', features(['RootCredentialsManagement'])).set('organizations.serviceAccess', iamAccess)),
      resources: [ORG],
      verify: (r) => assert.match(r[0]?.message ?? '', /RootSessions is not enabled/),
    },
  ],
  error: [
    {
      name: 'ListOrganizationsFeatures denied',
      snapshot: singleAccount((a) => a.fail('iam.organizationsFeatures', 'AccessDenied', 'iam:ListOrganizationsFeatures')),
      code: 'AccessDenied',
      resources: [ORG],
    },
    {
      name: 'features on but the trusted-access list unreadable',
      snapshot: singleAccount((a) => a.fail('organizations.serviceAccess', 'AccessDenied', 'organizations:ListAWSServiceAccessForOrganization')),
      code: 'AccessDenied',
    },
    { name: 'member account scanned alone', snapshot: singleAccount((a) => a.memberOf('999999999999'), { accountId: '222222222222' }), code: 'AccessDenied' },
  ],
  notApplicable: [{ name: 'standalone account', snapshot: singleAccount((a) => a.noOrganization()), resources: ['111111111111'] }],
});
