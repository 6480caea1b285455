import assert from 'node:assert/strict';
import { DEFAULT_COLLECTED_AT, singleAccount } from '../../inventory/fixtures.ts';
import { remediationOf, testCheck } from '../tester.ts';
import check from './iam-unused-roles.ts';

const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const ago = (days: number) => new Date(Date.parse(DEFAULT_COLLECTED_AT) - days * 86_400_000).toISOString();

testCheck(check, {
  pass: [
    {
      name: 'a role used recently and a new role never used; service-linked and SSO roles are skipped',
      snapshot: singleAccount((a) =>
        a
          .role('app', trust, { lastUsedDate: ago(3) })
          .role('new', trust, { createDate: ago(10), lastUsedDate: null })
          .role('AWSServiceRoleForSupport', trust, { path: '/aws-service-role/support.amazonaws.com/' })
          .role('AWSReservedSSO_ReadOnly_abc', trust),
      ),
      resources: ['app', 'new'],
    },
  ],
  fail: [
    {
      name: 'old role never used, and one last used 120 days ago',
      snapshot: singleAccount((a) => a.role('legacy', trust).role('stale', trust, { lastUsedDate: ago(120) }).role('app', trust, { lastUsedDate: ago(1) })),
      resources: ['legacy', 'stale'],
      verify: (r) => {
        assert.match(r.find((x) => x.resource.id === 'legacy')?.message ?? '', /no recorded use/);
        assert.match(remediationOf(check, r.find((x) => x.resource.id === 'stale')).cli ?? '', /delete-role --role-name stale/);
      },
    },
    { name: 'a shorter window from the options', snapshot: singleAccount((a) => a.role('app', trust, { lastUsedDate: ago(40) })), options: { unusedDays: 30 }, resources: ['app'] },
  ],
  error: [
    {
      name: 'authorization details denied',
      snapshot: singleAccount((a) => a.role('legacy', trust).fail('iam.authorizationDetails', 'AccessDenied', 'iam:GetAccountAuthorizationDetails')),
      code: 'AccessDenied',
      resources: ['111111111111'],
    },
  ],
  notApplicable: [{ name: 'only service-linked roles', snapshot: singleAccount((a) => a.role('AWSServiceRoleForSupport', trust, { path: '/aws-service-role/x/' })) }],
});
