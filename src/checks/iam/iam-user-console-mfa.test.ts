import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './iam-user-console-mfa.ts';

testCheck(check, {
  pass: [
    {
      name: 'console user with MFA; users without a password are not judged',
      snapshot: singleAccount((a) => a.iamUser('alice', { console: true, mfa: true }).iamUser('ci-bot', { console: false, mfa: false, keys: [{}] })),
      resources: ['alice'],
    },
    {
      name: 'a virtual MFA device is noted in the evidence',
      snapshot: singleAccount((a) =>
        a
          .iamUser('alice', { console: true, mfa: true })
          .set('iam.virtualMfaDevices', [{ serialNumber: 'arn:aws:iam::111111111111:mfa/alice', userArn: 'arn:aws:iam::111111111111:user/alice' }]),
      ),
      resources: ['alice'],
      verify: (r) => {
        assert.equal(r[0]?.evidence?.virtualMfaAssigned, true);
        assert.match(r[0]?.message ?? '', /virtual/);
      },
    },
    {
      name: 'virtual MFA list denied: no note, still a verdict from the report',
      snapshot: singleAccount((a) => a.iamUser('alice', { console: true, mfa: true }).fail('iam.virtualMfaDevices', 'AccessDenied', 'iam:ListVirtualMFADevices')),
      resources: ['alice'],
      verify: (r) => assert.equal(r[0]?.evidence?.virtualMfaAssigned, undefined),
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
