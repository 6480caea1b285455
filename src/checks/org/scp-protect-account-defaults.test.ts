import assert from 'node:assert/strict';
import { singleAccount, type AccountBuilder, type OrgBuilder } from '../../inventory/fixtures.ts';
import type { OrgPolicy } from '../../services/organizations/schema.ts';
import { testCheck } from '../tester.ts';
import check, { T6_REQUIRED } from './scp-protect-account-defaults.ts';

const MGMT = '111111111111';
const DEV = '222222222222';
const deny = (Action: unknown) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action, Resource: '*' }] });
const withoutSnapshot = T6_REQUIRED.filter((a) => a !== 'ec2:DisableSnapshotBlockPublicAccess');
const declarative = (state: string, targetId = 'r-ex01'): OrgPolicy => ({
  id: 'p-decl',
  arn: 'arn:aws:organizations::111111111111:policy/o-exampleorg1/declarative_policy_ec2/p-decl',
  name: 'Ec2Baseline',
  type: 'DECLARATIVE_POLICY_EC2',
  awsManaged: false,
  content: { ec2_attributes: { snapshot_block_public_access: { state: { '@@assign': state } } } },
  targets: [{ targetId, type: targetId.startsWith('r-') ? 'ROOT' : 'ACCOUNT' }],
});
const declarativeEnabled = (a: AccountBuilder) =>
  a.org((o) => {
    const root = o.structure.roots[0];
    if (root) root.policyTypes.push({ type: 'DECLARATIVE_POLICY_EC2', status: 'ENABLED' });
  });
const scan = (scp: unknown, edit: (a: AccountBuilder) => void = () => {}) =>
  singleAccount((a) => {
    a.org((o: OrgBuilder) => o.memberAccount(DEV, 'dev').scp('p-t6', 'ProtectDefaults', scp, ['r-ex01']));
    edit(a);
  });

testCheck(check, {
  pass: [
    { name: 'T6 denied by SCP', snapshot: scan(deny([...T6_REQUIRED])), resources: [DEV] },
    {
      name: 'snapshot block public access pinned by an EC2 declarative policy instead',
      snapshot: scan(deny(withoutSnapshot), (a) => declarativeEnabled(a).set('organizations.declarativePolicies', [declarative('block_all_sharing', DEV)])),
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.resource.id === DEV)?.message ?? '', /declarative policy "Ec2Baseline"/),
    },
  ],
  fail: [
    {
      name: 'EBS default encryption can be switched off',
      snapshot: scan(deny(['s3:PutAccountPublicAccessBlock', 'ec2:DisableSnapshotBlockPublicAccess'])),
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.resource.id === DEV)?.message ?? '', /nothing prevents ec2:DisableEbsEncryptionByDefault(;|$)/),
    },
    {
      name: 'declarative policy attached but its policy type is not enabled on the root',
      snapshot: scan(deny(withoutSnapshot), (a) => a.set('organizations.declarativePolicies', [declarative('block_all_sharing')])),
      resources: [DEV],
    },
    {
      name: 'a root-level pin overridden by an account-level "unblocked"',
      snapshot: scan(deny(withoutSnapshot), (a) =>
        declarativeEnabled(a).set('organizations.declarativePolicies', [declarative('block_all_sharing'), { ...declarative('unblocked', DEV), id: 'p-decl2', name: 'Override' }]),
      ),
      resources: [DEV],
    },
    {
      name: 'declarative policy sets snapshot sharing unblocked',
      snapshot: scan(deny(withoutSnapshot), (a) => declarativeEnabled(a).set('organizations.declarativePolicies', [declarative('unblocked')])),
      resources: [DEV],
    },
    {
      name: 'S3 account BPA open; declarative policies unreadable does not hide that',
      snapshot: scan(deny(['ec2:DisableEbsEncryptionByDefault']), (a) => a.fail('organizations.declarativePolicies', 'AccessDenied', 'organizations:ListPolicies')),
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.resource.id === DEV)?.message ?? '', /could not be read/),
    },
  ],
  error: [
    {
      name: 'only the snapshot action open and the declarative policies unreadable',
      snapshot: scan(deny(withoutSnapshot), (a) => a.fail('organizations.declarativePolicies', 'AccessDenied', 'organizations:ListPolicies')),
      code: 'AccessDenied',
      resources: [DEV],
    },
    { name: 'member account scanned alone', snapshot: singleAccount((a) => a.memberOf(MGMT), { accountId: DEV }), code: 'AccessDenied' },
  ],
});
