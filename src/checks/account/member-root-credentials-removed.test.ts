import assert from 'node:assert/strict';
import { singleAccount, snapshot, type AccountBuilder } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './member-root-credentials-removed.ts';

const MGMT = '111111111111';
const DEV = '222222222222';
const NONE = { loginProfile: false, accessKeys: 0, mfaDevices: 0, signingCertificates: 0 };

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
  pass: [{ name: 'member root has no credentials', snapshot: org((a) => a.set('iam.rootCredentials', NONE)), resources: [DEV] }],
  fail: [
    {
      name: 'member root keeps an access key and an MFA device',
      snapshot: org((a) => a.set('iam.rootCredentials', { ...NONE, accessKeys: 1, mfaDevices: 1 })),
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.resource.id === DEV)?.message ?? '', /1 access key\(s\), 1 MFA device\(s\)/),
    },
  ],
  error: [
    {
      name: 'root credentials not read (scanned without --assume-root): says which flag opens the AssumeRoot session',
      snapshot: org(() => {}),
      code: 'NotCollected',
      resources: [DEV],
      verify: (r) => {
        const found = r.find((x) => x.resource.id === DEV);
        assert.match(found?.message ?? '', /scan --org --assume-root/);
        assert.match(found?.error?.message ?? '', /AssumeRoot.*scan --org --assume-root/);
      },
    },
    {
      name: 'AssumeRoot refused (AccessDenied as data): error with that cause, not a pass',
      snapshot: org((a) => a.fail('iam.rootCredentials', 'AccessDenied', 'sts:AssumeRoot')),
      code: 'AccessDenied',
      resources: [DEV],
    },
    {
      name: 'centralized root access off: unknown, naming root-credentials-centralized',
      snapshot: org((a) => a.set('iam.rootCredentials', NONE), (m) => m.set('iam.organizationsFeatures', null)),
      code: 'NotCollected',
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.resource.id === DEV)?.error?.message ?? '', /root-credentials-centralized/),
    },
    {
      name: 'member scanned without the management account',
      snapshot: singleAccount((a) => a.memberOf(MGMT).set('iam.rootCredentials', NONE), { accountId: DEV }),
      code: 'NotCollected',
      resources: [DEV],
      verify: (r) => assert.match(r[0]?.error?.message ?? '', /--org from the management account/),
    },
  ],
  notApplicable: [
    { name: 'management account', snapshot: singleAccount(), resources: [MGMT] },
    { name: 'standalone account', snapshot: singleAccount((a) => a.noOrganization()), resources: [MGMT] },
  ],
});
