import assert from 'node:assert/strict';
import { singleAccount, snapshot, type AccountBuilder } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './root-mfa.ts';

const MGMT = '111111111111';
const DEV = '222222222222';
const NO_CREDENTIALS = { loginProfile: false, accessKeys: 0, mfaDevices: 0, signingCertificates: 0 };

/** An organization scan: the management account and member DEV, edited by `member`. */
const org = (member: (a: AccountBuilder) => void, mgmt: (a: AccountBuilder) => void = () => {}) =>
  snapshot()
    .account(MGMT, (a) => {
      a.org((o) => o.memberAccount(DEV, 'dev'));
      mgmt(a);
    })
    .account(DEV, (a) => {
      a.memberOf(MGMT);
      member(a);
    })
    .build();

testCheck(check, {
  pass: [
    { name: 'root has MFA', snapshot: singleAccount(), resources: [MGMT] },
    {
      name: 'member without MFA but with its root credentials removed under centralized root access: pass with a note',
      snapshot: org((a) => a.rootMfa(false).set('iam.rootCredentials', NO_CREDENTIALS)),
      resources: [MGMT, DEV],
      verify: (r) => {
        const dev = r.find((x) => x.resource.id === DEV);
        assert.match(dev?.message ?? '', /no credentials to protect/);
        assert.equal((dev?.evidence as { note?: string }).note, 'nothing to protect');
      },
    },
  ],
  fail: [
    { name: 'root has no MFA', snapshot: singleAccount((a) => a.rootMfa(false)), resources: [MGMT] },
    {
      name: 'member without MFA whose root credentials were not read (no AssumeRoot session): still a failure',
      snapshot: org((a) => a.rootMfa(false)),
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.resource.id === DEV)?.message ?? '', /removing its root credentials would also settle this/),
    },
    {
      name: 'member with credentials removed, but the organization lacks RootSessions: no exemption',
      snapshot: org(
        (a) => a.rootMfa(false).set('iam.rootCredentials', NO_CREDENTIALS),
        (m) => m.set('iam.organizationsFeatures', { organizationId: 'o-exampleorg1', enabledFeatures: ['RootCredentialsManagement'] }),
      ),
      resources: [DEV],
    },
    {
      name: 'member root still has a password',
      snapshot: org((a) => a.rootMfa(false).set('iam.rootCredentials', { ...NO_CREDENTIALS, loginProfile: true })),
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.resource.id === DEV)?.message ?? '', /console password/),
    },
  ],
  error: [
    {
      name: 'account summary denied',
      snapshot: singleAccount((a) => a.fail('iam.accountSummary', 'AccessDenied', 'iam:GetAccountSummary')),
      code: 'AccessDenied',
      resources: [MGMT],
    },
    {
      name: 'summary without the MFA field',
      snapshot: singleAccount((a) => a.set('iam.accountSummary', { Users: 0 })),
      code: 'ParseError',
    },
  ],
});
