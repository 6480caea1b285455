import assert from 'node:assert/strict';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './cross-account-trust-externalid.ts';

const VENDOR = '999999999999';
const trust = (principal: unknown, condition?: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }],
});
const service = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

testCheck(check, {
  pass: [
    {
      name: 'vendor with ExternalId, org member role, own account, service principal',
      snapshot: singleAccount((a) =>
        a
          .org((o) => o.memberAccount('222222222222', 'dev'))
          .role('vendor', trust(`arn:aws:iam::${VENDOR}:root`, { StringEquals: { 'sts:ExternalId': 'a1b2c3' } }))
          .role('from-dev', trust('arn:aws:iam::222222222222:role/deployer'))
          .role('self', trust('arn:aws:iam::111111111111:root'))
          .role('ec2', service),
      ),
      resources: ['vendor', 'from-dev', 'self', 'ec2'],
    },
    {
      name: 'people of another org account with MFA; a configured trusted account',
      snapshot: singleAccount((a) =>
        a
          .org((o) => o.memberAccount('222222222222', 'dev'))
          .role('humans', trust('222222222222', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }))
          .role('partner', trust('arn:aws:iam::888888888888:role/x')),
      ),
      options: { trustedAccountIds: ['888888888888'] },
    },
  ],
  fail: [
    {
      name: 'an outside account without ExternalId (also with a wildcard ExternalId)',
      snapshot: singleAccount((a) =>
        a
          .role('vendor', trust([`arn:aws:iam::${VENDOR}:root`]))
          .role('loose', trust(`arn:aws:iam::${VENDOR}:role/x`, { StringLike: { 'sts:ExternalId': '*' } }))
          .role('ok', trust(`arn:aws:iam::${VENDOR}:root`, { StringEquals: { 'sts:externalid': 'unique' } })),
      ),
      resources: ['vendor', 'loose'],
      verify: (r) => {
        assert.equal(r.find((x) => x.resource.id === 'vendor')?.severity, undefined);
        assert.match(remediationOf(check, r.find((x) => x.resource.id === 'vendor')).cli ?? '', /update-assume-role-policy --role-name vendor/);
      },
    },
    {
      name: 'standalone account: any other account is outside',
      snapshot: singleAccount((a) => a.noOrganization().role('r', trust('222222222222'))),
      resources: ['r'],
    },
  ],
  warn: [
    {
      name: 'users of an org account may assume without MFA (low)',
      snapshot: singleAccount((a) => a.org((o) => o.memberAccount('222222222222', 'dev')).role('humans', trust('arn:aws:iam::222222222222:user/alice')).role('ec2', service)),
      resources: ['humans'],
      verify: (r) => assert.equal(r.find((x) => x.status === 'warn')?.severity, 'low'),
    },
  ],
  error: [
    {
      name: 'member account scanned alone: the organization accounts are unknown for a foreign trust',
      snapshot: snapshot()
        .account('222222222222', (a) => a.memberOf('111111111111').role('cross', trust(`arn:aws:iam::${VENDOR}:root`)).role('ec2', service))
        .build(),
      code: 'AccessDenied',
      resources: ['cross'],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === 'ec2')?.status, 'pass'),
    },
    {
      name: 'authorization details denied',
      snapshot: singleAccount((a) => a.fail('iam.authorizationDetails', 'AccessDenied', 'iam:GetAccountAuthorizationDetails')),
      resources: ['111111111111'],
    },
  ],
});

// in an organization scan a member's foreign trust is judged against the management account's account list
testCheck(check, {
  pass: [
    {
      name: 'member trusting another member, org read from the management account snapshot',
      snapshot: snapshot()
        .account('111111111111', (a) => a.org((o) => o.memberAccount('222222222222', 'dev').memberAccount('333333333333', 'prod')))
        .account('222222222222', (a) => a.memberOf('111111111111').role('cross', trust('arn:aws:iam::333333333333:role/ci')))
        .build(),
    },
  ],
  fail: [
    {
      name: 'member trusting an outside account',
      snapshot: snapshot()
        .account('111111111111', (a) => a.org((o) => o.memberAccount('222222222222', 'dev')))
        .account('222222222222', (a) => a.memberOf('111111111111').role('cross', trust(`arn:aws:iam::${VENDOR}:root`)))
        .build(),
      resources: ['cross'],
    },
  ],
  error: [
    {
      name: 'trust policy that does not parse',
      snapshot: singleAccount((a) => a.role('bad', { Statement: [{ Effect: 'Allow', Principal: { AWS: VENDOR }, Action: 'sts:AssumeRole', Condtion: {} }] })),
      code: 'ParseError',
      resources: ['bad'],
    },
  ],
});
