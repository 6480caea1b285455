// Account discovery and selection: OU paths from the structure (paginated listing through the collector), suspended
// accounts, --accounts/--ous/--exclude-accounts, and deterministic sharding.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListDelegatedAdministratorsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { AccountState } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsContext } from '../aws/clients.ts';
import { createLimiter } from '../aws/limiter.ts';
import { organizationsCollector } from '../services/organizations/collector.ts';
import { UsageError } from '../core/errors.ts';
import { silentLogger } from '../core/logger.ts';
import type { OrgStructure } from '../services/organizations/schema.ts';
import { organizationAccounts, parseShard, selectAccounts, shardOf, type OrgAccount } from './accounts.ts';

const MGMT = '111111111111';
const structure: OrgStructure = {
  roots: [{ id: 'r-root', arn: 'arn:root', name: 'Root', policyTypes: [] }],
  organizationalUnits: [
    { id: 'ou-root-workload', arn: 'a', name: 'Workloads', parentId: 'r-root' },
    { id: 'ou-root-prod0001', arn: 'a', name: 'Prod', parentId: 'ou-root-workload' },
    { id: 'ou-root-sandbox1', arn: 'a', name: 'Sandbox', parentId: 'r-root' },
  ],
  accounts: [
    { id: '333333333333', arn: 'a', name: 'prod', email: 'p@x', status: 'ACTIVE', parentId: 'ou-root-prod0001' },
    { id: MGMT, arn: 'a', name: 'mgmt', email: 'm@x', status: 'ACTIVE', parentId: 'r-root' },
    { id: '222222222222', arn: 'a', name: 'sandbox', email: 's@x', status: 'ACTIVE', parentId: 'ou-root-sandbox1' },
    { id: '444444444444', arn: 'a', name: 'closed', email: 'c@x', status: 'SUSPENDED', parentId: 'ou-root-sandbox1' },
  ],
  policies: [],
};

const all = organizationAccounts(structure);
const audited = (outcomes: ReturnType<typeof selectAccounts>) => outcomes.filter((o) => o.audit).map((o) => o.account.id);

describe('organizationAccounts', () => {
  it('gives every account its OU path from the root, sorted by id', () => {
    assert.deepEqual(
      all.map((a) => `${a.id} ${a.ouPath}`),
      [`${MGMT} Root`, '222222222222 Root/Sandbox', '333333333333 Root/Workloads/Prod', '444444444444 Root/Sandbox'],
    );
    assert.deepEqual(all.find((a) => a.id === '333333333333')?.parentIds, ['r-root', 'ou-root-workload', 'ou-root-prod0001']);
  });

  it('keeps an account whose parent is missing, naming the parent id instead of dropping it', () => {
    const orphan = organizationAccounts({ ...structure, accounts: [{ ...structure.accounts[0]!, parentId: 'ou-gone-00000000' }] });
    assert.equal(orphan[0]?.ouPath, 'ou-gone-00000000');
  });

  it('lists accounts across pages and OUs through the Organizations collector', async () => {
    const org = mockClient(OrganizationsClient);
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-1', Arn: 'arn:o', FeatureSet: 'ALL', MasterAccountId: MGMT } });
    org.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-root', Arn: 'arn:r', Name: 'Root', PolicyTypes: [] }] });
    org.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-root' }).resolves({ OrganizationalUnits: [{ Id: 'ou-root-prod0001', Arn: 'a', Name: 'Prod' }] });
    org.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-prod0001' }).resolves({ OrganizationalUnits: [] });
    const acct = (id: string, state: AccountState = 'ACTIVE') => ({ Id: id, Arn: `arn:${id}`, Name: `n${id}`, Email: `${id}@x`, State: state });
    org.on(ListAccountsForParentCommand, { ParentId: 'r-root' }).resolves({ Accounts: [acct(MGMT)] });
    // two pages under Prod
    org.on(ListAccountsForParentCommand, { ParentId: 'ou-root-prod0001' }).resolves({ Accounts: [acct('222222222222')], NextToken: 'p2' });
    org.on(ListAccountsForParentCommand, { ParentId: 'ou-root-prod0001', NextToken: 'p2' }).resolves({ Accounts: [acct('333333333333', 'SUSPENDED')] });
    org.on(ListPoliciesCommand).resolves({ Policies: [] });
    org.on(ListDelegatedAdministratorsCommand).resolves({ DelegatedAdministrators: [] });
    const aws = createAwsContext({ credentials: async () => ({ accessKeyId: 'x', secretAccessKey: 'y' }), env: {} });
    try {
      const slice = await organizationsCollector.collect({ aws, accountId: MGMT, logger: silentLogger, limiter: createLimiter(4) });
      assert.ok(slice.structure.ok && slice.structure.value);
      const listed = organizationAccounts(slice.structure.value);
      assert.deepEqual(listed.map((a) => `${a.id} ${a.status} ${a.ouPath}`), [`${MGMT} ACTIVE Root`, '222222222222 ACTIVE Root/Prod', '333333333333 SUSPENDED Root/Prod']);
      assert.deepEqual(audited(selectAccounts(listed, {})), [MGMT, '222222222222']);
    } finally {
      aws.destroy();
      org.restore();
    }
  });
});

describe('selectAccounts', () => {
  it('audits every ACTIVE account and says why the others are not', () => {
    const outcomes = selectAccounts(all, {});
    assert.deepEqual(audited(outcomes), [MGMT, '222222222222', '333333333333']);
    const closed = outcomes.find((o) => o.account.id === '444444444444');
    assert.equal(closed?.audit === false && closed.reason, 'account is SUSPENDED');
  });

  it('narrows by --accounts, --ous (recursive) and --exclude-accounts', () => {
    assert.deepEqual(audited(selectAccounts(all, { accounts: ['222222222222'] })), ['222222222222']);
    assert.deepEqual(audited(selectAccounts(all, { ous: ['ou-root-workload'] })), ['333333333333'], 'Prod sits under Workloads');
    assert.deepEqual(audited(selectAccounts(all, { ous: ['r-root'], exclude: [MGMT] })), ['222222222222', '333333333333']);
  });

  it('refuses ids that match nothing, so a typo cannot shrink the audit', () => {
    assert.throws(() => selectAccounts(all, { accounts: ['999999999999'] }), (e: unknown) => e instanceof UsageError && /--accounts: not an account/.test(e.message));
    assert.throws(() => selectAccounts(all, { exclude: ['999999999999'] }), UsageError);
    assert.throws(() => selectAccounts(all, { ous: ['ou-none-00000000'] }), (e: unknown) => e instanceof UsageError && /--ous/.test(e.message));
  });
});

describe('sharding', () => {
  const many: OrgAccount[] = Array.from({ length: 60 }, (_, i) => ({ id: String(100000000000 + i * 7919), name: `a${i}`, status: 'ACTIVE', ouPath: 'Root', parentIds: ['r-root'] }));

  it('puts every account in exactly one shard, the same one on every machine and whatever else is in the list', () => {
    const shards = [1, 2, 3].map((index) => audited(selectAccounts(many, { shard: { index, count: 3 } })));
    assert.deepEqual(shards.flat().sort(), many.map((a) => a.id).sort());
    for (const s of shards) assert.ok(s.length > 5, `a shard of ${s.length} of 60 is too uneven`);
    // removing other accounts does not move this one
    const one = many[5]!;
    const home = shards.findIndex((s) => s.includes(one.id)) + 1;
    assert.equal(shardOf(one.id, 3), home);
    assert.deepEqual(audited(selectAccounts([one], { shard: { index: home, count: 3 } })), [one.id]);
  });

  it('parses i/n and refuses anything else', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1-4']) assert.throws(() => parseShard(bad), UsageError, bad);
  });
});
