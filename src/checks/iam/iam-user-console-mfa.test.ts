import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './iam-user-console-mfa.ts';

const ALICE_VIRTUAL = { serialNumber: 'arn:aws:iam::111111111111:mfa/alice', userArn: 'arn:aws:iam::111111111111:user/alice' };
/** GetAccountSummary with `inUse` MFA devices assigned (any type, root included). */
const summary = (inUse: number) => ({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 0, Users: 1, MFADevicesInUse: inUse });

testCheck(check, {
  pass: [
    {
      name: 'console user with MFA; users without a password are not judged',
      snapshot: singleAccount((a) => a.iamUser('alice', { console: true, mfa: true }).iamUser('ci-bot', { console: false, mfa: false, keys: [{}] })),
      resources: ['alice'],
    },
    {
      name: 'every assigned MFA device in the account is virtual: the catalog note',
      snapshot: singleAccount((a) =>
        a
          .iamUser('alice', { console: true, mfa: true })
          .set('iam.virtualMfaDevices', [ALICE_VIRTUAL, { serialNumber: 'arn:aws:iam::111111111111:mfa/spare', userArn: null }])
          .set('iam.accountSummary', summary(1)),
      ),
      resources: ['alice'],
      verify: (r) => {
        assert.equal(r[0]?.evidence?.allMfaDevicesVirtual, true);
        assert.equal(r[0]?.message, "IAM user alice has MFA; all of the user's MFA devices are virtual (authenticator apps): a FIDO security key or passkey resists phishing");
      },
    },
    {
      name: 'a virtual device but another (FIDO or hardware) device is in use somewhere: cannot tell, no note',
      snapshot: singleAccount((a) => a.iamUser('alice', { console: true, mfa: true }).set('iam.virtualMfaDevices', [ALICE_VIRTUAL]).set('iam.accountSummary', summary(2))),
      resources: ['alice'],
      verify: (r) => {
        assert.equal(r[0]?.evidence?.allMfaDevicesVirtual, null);
        assert.equal(r[0]?.message, 'IAM user alice has MFA');
      },
    },
    {
      name: 'MFA without any virtual device: not all virtual, no note',
      snapshot: singleAccount((a) => a.iamUser('bob', { console: true, mfa: true }).set('iam.accountSummary', summary(1))),
      resources: ['bob'],
      verify: (r) => {
        assert.equal(r[0]?.evidence?.allMfaDevicesVirtual, false);
        assert.equal(r[0]?.message, 'IAM user bob has MFA');
      },
    },
    {
      name: 'virtual MFA list denied: no note, still a verdict from the report',
      snapshot: singleAccount((a) =>
        a.iamUser('alice', { console: true, mfa: true }).set('iam.accountSummary', summary(1)).fail('iam.virtualMfaDevices', 'AccessDenied', 'iam:ListVirtualMFADevices'),
      ),
      resources: ['alice'],
      verify: (r) => assert.equal(r[0]?.evidence?.allMfaDevicesVirtual, null),
    },
    {
      name: 'account summary denied: no note',
      snapshot: singleAccount((a) =>
        a.iamUser('alice', { console: true, mfa: true }).set('iam.virtualMfaDevices', [ALICE_VIRTUAL]).fail('iam.accountSummary', 'AccessDenied', 'iam:GetAccountSummary'),
      ),
      resources: ['alice'],
      verify: (r) => assert.equal(r[0]?.evidence?.allMfaDevicesVirtual, null),
    },
  ],
  fail: [
    {
      name: 'console user without MFA',
      snapshot: singleAccount((a) => a.iamUser('alice', { console: true, mfa: false }).iamUser('carol', { console: true, mfa: true })),
      resources: ['alice'],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === 'alice')?.message, 'IAM user alice has a console password but no MFA device'),
    },
  ],
  error: [
    {
      name: 'credential report denied',
      snapshot: singleAccount((a) => a.iamUser('alice', { console: true }).fail('iam.credentialReport', 'AccessDenied', 'iam:GenerateCredentialReport')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
  ],
  notApplicable: [
    { name: 'no IAM user has a console password', snapshot: singleAccount((a) => a.iamUser('ci-bot', { keys: [{}] })), resources: ['111111111111'] },
  ],
});
