import assert from 'node:assert/strict';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import { permissionSet, ssoInstance } from '../../services/sso-admin/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './identity-center-enabled.ts';

const withInstance = (owner: string, sets = [permissionSet('ReadOnly', ['ReadOnlyAccess'])]) => [ssoInstance(owner, sets)];

testCheck(check, {
  pass: [
    {
      name: 'organization instance with a permission set in its home Region (the other Region has none)',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('ssoAdmin.instances', withInstance('111111111111')))),
      resources: ['111111111111'],
      verify: (r) => assert.match(r[0]?.message ?? '', /1 permission set/),
    },
    {
      name: 'SAML federation instead, even with Identity Center unreadable',
      snapshot: singleAccount((a) =>
        a.set('iam.samlProviders', [{ arn: 'arn:aws:iam::111111111111:saml-provider/Okta' }]).inRegion('us-east-1', (r) => r.fail('ssoAdmin.instances', 'AccessDenied', 'sso:ListInstances')),
      ),
    },
    {
      name: 'organization scan: judged once, in the management account (the baseline has Identity Center)',
      snapshot: snapshot()
        .account('111111111111')
        .account('222222222222', (a) => a.memberOf('111111111111'))
        .build(),
      resources: ['111111111111'],
    },
  ],
  fail: [
    { name: 'nothing: no instance, no SAML provider', snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ssoAdmin.instances', []))), resources: ['111111111111'] },
    {
      name: 'an instance without permission sets',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ssoAdmin.instances', withInstance('111111111111', [])))),
      verify: (r) => assert.match(r[0]?.message ?? '', /has no permission set/),
    },
    {
      name: 'a member account instance does not count for the organization',
      snapshot: snapshot()
        .account('111111111111', (a) => a.inRegion('us-east-1', (r) => r.set('ssoAdmin.instances', [])).org((o) => o.memberAccount('222222222222', 'dev')))
        .account('222222222222', (a) => a.memberOf('111111111111').inRegion('us-east-1', (r) => r.set('ssoAdmin.instances', withInstance('222222222222'))))
        .build(),
      resources: ['111111111111'],
    },
  ],
  error: [
    {
      name: 'ListInstances denied in a Region and nothing found elsewhere',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ssoAdmin.instances', [])).inRegion('eu-west-1', (r) => r.fail('ssoAdmin.instances', 'AccessDenied', 'sso:ListInstances'))),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
    {
      name: 'member scanned without its management account and no local evidence',
      snapshot: snapshot().account('222222222222', (a) => a.memberOf('111111111111').inRegion('us-east-1', (r) => r.set('ssoAdmin.instances', []))).build(),
      code: 'NotCollected',
      resources: ['222222222222'],
    },
    {
      name: 'SAML providers unreadable',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('ssoAdmin.instances', [])).fail('iam.samlProviders', 'AccessDenied', 'iam:ListSAMLProviders')),
      code: 'AccessDenied',
    },
  ],
});
