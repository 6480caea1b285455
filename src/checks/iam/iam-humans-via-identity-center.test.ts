import assert from 'node:assert/strict';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import { permissionSet, ssoInstance } from '../../services/sso-admin/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './iam-humans-via-identity-center.ts';

const instances = [ssoInstance('111111111111', [permissionSet('Admin', ['AdministratorAccess'])])];
const federated = (edit: Parameters<typeof singleAccount>[0] = () => {}) =>
  singleAccount((a) => {
    a.inRegion('us-east-1', (r) => r.set('ssoAdmin.instances', instances));
    edit?.(a);
  });

testCheck(check, {
  pass: [
    {
      name: 'federated; programmatic user and a configured break-glass user',
      snapshot: federated((a) => a.iamUser('ci', { keys: [{}] }).iamUser('break-glass', { console: true, mfa: true })),
      options: { breakGlassUsers: ['break-glass'] },
      resources: ['ci', 'break-glass'],
    },
  ],
  fail: [
    {
      name: 'federated, yet a user signs in with a password',
      snapshot: federated((a) => a.iamUser('alice', { console: true, mfa: true }).iamUser('ci')),
      resources: ['alice'],
      verify: (r) => {
        assert.match(r.find((x) => x.status === 'fail')?.message ?? '', /IAM Identity Center/);
        assert.match(remediationOf(check, r.find((x) => x.status === 'fail')).cli ?? '', /delete-login-profile --user-name alice/);
      },
    },
    {
      name: 'a member account judged on the management account\'s Identity Center',
      snapshot: snapshot()
        .account('111111111111', (a) => a.inRegion('us-east-1', (r) => r.set('ssoAdmin.instances', instances)))
        .account('222222222222', (a) => a.memberOf('111111111111').iamUser('bob', { console: true }))
        .build(),
      resources: ['bob'],
    },
  ],
  error: [
    {
      name: 'federation unknown',
      snapshot: singleAccount((a) => a.iamUser('alice', { console: true }).inRegion('us-east-1', (r) => r.fail('ssoAdmin.instances', 'AccessDenied', 'sso:ListInstances'))),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
    {
      name: 'credential report missing',
      snapshot: federated((a) => a.fail('iam.credentialReport', 'Timeout', 'iam:GenerateCredentialReport')),
      code: 'Timeout',
    },
  ],
  notApplicable: [{ name: 'no federation yet', snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ssoAdmin.instances', [])).iamUser('alice', { console: true })), resources: ['111111111111'] }],
});
