import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './root-mfa.ts';

testCheck(check, {
  pass: [{ name: 'root has MFA', snapshot: singleAccount(), resources: ['111111111111'] }],
  fail: [{ name: 'root has no MFA', snapshot: singleAccount((a) => a.rootMfa(false)), resources: ['111111111111'] }],
  error: [
    {
      name: 'account summary denied',
      snapshot: singleAccount((a) => a.fail('iam.accountSummary', 'AccessDenied', 'iam:GetAccountSummary')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
    {
      name: 'summary without the MFA field',
      snapshot: singleAccount((a) => a.set('iam.accountSummary', { Users: 0 })),
      code: 'ParseError',
    },
  ],
});
