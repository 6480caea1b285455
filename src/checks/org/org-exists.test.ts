import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './org-exists.ts';

const ACCT = '111111111111';

testCheck(check, {
  pass: [
    { name: 'management account of an all-features organization', snapshot: singleAccount(), resources: [ACCT] },
    { name: 'member account (DescribeOrganization works there)', snapshot: singleAccount((a) => a.memberOf('999999999999'), { accountId: '222222222222' }), resources: ['222222222222'] },
  ],
  fail: [
    { name: 'standalone account (AWSOrganizationsNotInUseException)', snapshot: singleAccount((a) => a.noOrganization()), resources: [ACCT] },
    { name: 'consolidated billing only', snapshot: singleAccount((a) => a.featureSet('CONSOLIDATED_BILLING')), resources: [ACCT] },
  ],
  error: [
    {
      name: 'DescribeOrganization denied',
      snapshot: singleAccount((a) => a.fail('organizations.organization', 'AccessDenied', 'organizations:DescribeOrganization')),
      code: 'AccessDenied',
      resources: [ACCT],
    },
  ],
});
