import assert from 'node:assert/strict';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './scp-enabled.ts';

const MGMT = '111111111111';
const MEMBER = '222222222222';
const ORG = 'o-exampleorg1';

testCheck(check, {
  pass: [
    { name: 'SCP type enabled on the root', snapshot: singleAccount(), resources: [ORG] },
    {
      name: 'organization-wide scan: judged once, from the management account; the member run adds nothing',
      snapshot: snapshot()
        .account(MGMT, (a) => a.org((o) => o.memberAccount(MEMBER, 'dev')))
        .account(MEMBER, (a) => a.memberOf(MGMT))
        .build(),
      resources: [ORG],
      verify: (r) => assert.equal(r.length, 1),
    },
  ],
  fail: [
    { name: 'SCP type not enabled', snapshot: singleAccount((a) => a.org((o) => o.scpEnabled(false))), resources: [ORG] },
    {
      name: 'consolidated billing: SCPs unavailable, message says so',
      snapshot: singleAccount((a) => a.featureSet('CONSOLIDATED_BILLING').org((o) => o.scpEnabled(false))),
      resources: [ORG],
      verify: (r) => assert.match(r[0]?.message ?? '', /CONSOLIDATED_BILLING/),
    },
    {
      name: 'SCP type present but not ENABLED (pending)',
      snapshot: singleAccount((a) => a.org((o) => { o.structure.roots[0]!.policyTypes = [{ type: 'SERVICE_CONTROL_POLICY', status: 'PENDING_ENABLE' }]; })),
      resources: [ORG],
    },
  ],
  error: [
    {
      name: 'member account scanned alone: tells the user to scan from the management account',
      snapshot: singleAccount((a) => a.memberOf(MGMT), { accountId: MEMBER }),
      code: 'AccessDenied',
      resources: [MEMBER],
      verify: (r) => assert.match(r[0]?.message ?? '', /scan from the management account 111111111111/),
    },
    {
      name: 'DescribeOrganization denied',
      snapshot: singleAccount((a) => a.fail('organizations.organization', 'AccessDenied', 'organizations:DescribeOrganization')),
      code: 'AccessDenied',
    },
    {
      name: 'structure without a root',
      snapshot: singleAccount((a) => a.org((o) => { o.structure.roots.length = 0; })),
      code: 'ParseError',
      resources: [ORG],
    },
  ],
  notApplicable: [{ name: 'no organization: see org-exists', snapshot: singleAccount((a) => a.noOrganization()), resources: [MGMT] }],
});
