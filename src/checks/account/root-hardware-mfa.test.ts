import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './root-hardware-mfa.ts';

const ACCT = '111111111111';
const DEV = '222222222222';
const rootVirtual = { serialNumber: `arn:aws:iam::${ACCT}:mfa/root-account-mfa-device`, userArn: `arn:aws:iam::${ACCT}:root` };
const aliceVirtual = { serialNumber: `arn:aws:iam::${ACCT}:mfa/alice`, userArn: `arn:aws:iam::${ACCT}:user/alice` };

testCheck(check, {
  pass: [
    { name: 'MFA on and no virtual device for root (a FIDO key or hardware token)', snapshot: singleAccount(), resources: [ACCT] },
    {
      name: 'virtual devices of IAM users and unassigned ones do not count',
      snapshot: singleAccount((a) => a.set('iam.virtualMfaDevices', [aliceVirtual, { serialNumber: `arn:aws:iam::${ACCT}:mfa/spare`, userArn: null }])),
      resources: [ACCT],
    },
  ],
  fail: [
    { name: 'root uses a virtual MFA app', snapshot: singleAccount((a) => a.set('iam.virtualMfaDevices', [rootVirtual])), resources: [ACCT] },
    { name: 'root has no MFA at all', snapshot: singleAccount((a) => a.rootMfa(false)), resources: [ACCT] },
  ],
  error: [
    {
      name: 'virtual MFA devices not readable',
      snapshot: singleAccount((a) => a.fail('iam.virtualMfaDevices', 'AccessDenied', 'iam:ListVirtualMFADevices')),
      code: 'AccessDenied',
      resources: [ACCT],
    },
    {
      name: 'account summary not readable',
      snapshot: singleAccount((a) => a.fail('iam.accountSummary', 'Throttled', 'iam:GetAccountSummary')),
      code: 'Throttled',
    },
  ],
  notApplicable: [
    {
      name: 'member whose root credentials were removed centrally: nothing to sign in with',
      snapshot: snapshot()
        .account(ACCT, (a) => a.org((o) => o.memberAccount(DEV, 'dev')))
        .account(DEV, (a) => a.memberOf(ACCT).rootMfa(false).set('iam.rootCredentials', { loginProfile: false, accessKeys: 0, mfaDevices: 0, signingCertificates: 0 }))
        .build(),
      resources: [DEV],
    },
  ],
});
