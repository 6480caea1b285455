import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { snapshot } from '../inventory/fixtures.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { ORG_INDEX_KIND, ORG_INDEX_VERSION, OrgSnapshotDir, type OrgAccountEntry, type OrgIndex } from '../org/store.ts';
import { evaluateSnapshot } from '../scan.ts';
import { baselineSchema, defaultBaseline } from './baseline.ts';
import { planOrganizationDir } from './org-plan.ts';
import { planHardening } from './planner.ts';
import { planSchema, type Plan } from './plan-schema.ts';

const MGMT = '111111111111';
const PROD = '222222222222';
const DEV = '333333333333';
const GONE = '444444444444';

/** Management account with the organization (no guardrails), two members with their own mistakes. */
function organization(): Snapshot {
  return snapshot({ regions: ['us-east-1'] })
    .account(MGMT, (a) => a.org((o) => o.withoutGuardrails().memberAccount(PROD, 'prod').memberAccount(DEV, 'dev').memberAccount(GONE, 'legacy')))
    .account(PROD, (a) => a.memberOf(MGMT).passwordPolicy({ minimumPasswordLength: 8 }).inRegion('us-east-1', (r) => r.ebsDefaultEncryption(false)))
    .account(DEV, (a) => a.memberOf(MGMT).inRegion('us-east-1', (r) => r.ebsDefaultEncryption(false)))
    .build();
}

/** Write a multi-account snapshot as `collect --org -o DIR` would, with `unreachable` accounts recorded as errors. */
async function orgDir(s: Snapshot, unreachable: string[] = []): Promise<{ store: OrgSnapshotDir; index: OrgIndex; reads: string[] }> {
  const store = new OrgSnapshotDir(await mkdtemp(join(tmpdir(), 'rampart-org-plan-')));
  await store.prepare();
  const entries: OrgAccountEntry[] = [];
  for (const account of s.accounts) {
    const file = await store.writeAccount({ ...s, accounts: [account] });
    entries.push({ accountId: account.accountId, name: account.accountId, status: 'ACTIVE', ouPath: '/', outcome: 'audited', file, scannedRegions: Object.keys(account.regional) });
  }
  for (const id of unreachable) {
    entries.push({ accountId: id, name: 'legacy', status: 'ACTIVE', ouPath: '/', outcome: 'error', error: { code: 'AccessDenied', operation: 'sts:AssumeRole', message: 'not authorized to perform sts:AssumeRole' } });
  }
  const mgmt = organization().accounts.find((a) => a.accountId === MGMT)!;
  const index: OrgIndex = {
    kind: ORG_INDEX_KIND,
    schemaVersion: ORG_INDEX_VERSION,
    tool: { name: 'rampart', version: 'test' },
    startedAt: s.collectedAt,
    collectedAt: s.collectedAt,
    organization: { id: 'o-exampleorg1', managementAccountId: MGMT },
    scannedFrom: { accountId: MGMT, callerArn: mgmt.callerArn ?? `arn:aws:iam::${MGMT}:user/admin` },
    organizations: mgmt.organizations,
    request: { regions: null, roleName: 'OrganizationAccountAccessRole', shard: null },
    expectedRegions: ['us-east-1'],
    accounts: entries,
  };
  await store.writeIndex(index);
  const reads: string[] = [];
  const readAccount = store.readAccount.bind(store);
  store.readAccount = async (e) => {
    reads.push(e.accountId);
    return readAccount(e);
  };
  return { store, index, reads };
}

const claims = (plan: Plan) => plan.actions.flatMap((a) => a.closes.map((c) => `${a.id} → ${c.checkId}|${c.resource}|${c.region ?? ''}`)).sort();

describe('planOrganizationDir', () => {
  it('plans every audited account account by account, with the same actions and claims as planning the whole snapshot at once', async () => {
    const whole = organization();
    const { store, index, reads } = await orgDir(organization());
    const plan = await planOrganizationDir(store, index, defaultBaseline());
    assert.equal(planSchema.safeParse(plan).success, true);
    const once = planHardening(whole, evaluateSnapshot(whole).findings, defaultBaseline());
    assert.deepEqual(plan.actions.map((a) => a.id), once.actions.map((a) => a.id));
    assert.deepEqual(claims(plan), claims(once));
    assert.deepEqual(plan.basedOn.accounts, [MGMT, PROD, DEV].sort());
    // each account file is read once: only the context and the account being planned are in memory together
    assert.deepEqual(reads.sort(), [MGMT, PROD, DEV].sort());
  });

  it('groups member actions by account and Region, and files an organization check\'s verdict under the member it is about', async () => {
    const { store, index } = await orgDir(organization(), [GONE]);
    const plan = await planOrganizationDir(store, index, defaultBaseline());
    const ebs = plan.actions.filter((a) => a.kind === 'ec2.ebs-encryption-default').map((a) => `${a.accountId}/${a.region}`).sort();
    assert.deepEqual(ebs, [`${PROD}/us-east-1`, `${DEV}/us-east-1`]);
    const pw = plan.actions.find((a) => a.kind === 'iam.password-policy' && a.accountId === PROD);
    assert.deepEqual(pw?.closes, [{ checkId: 'password-policy', accountId: PROD, region: null, resource: PROD }]);
    const scp = plan.actions.find((a) => a.kind === 'org.scp');
    const leave = scp?.closes.filter((c) => c.checkId === 'scp-deny-leave-org') ?? [];
    assert.deepEqual(leave.map((c) => `${c.accountId}/${c.resource}`).sort(), [`${DEV}/${DEV}`, `${GONE}/${GONE}`, `${PROD}/${PROD}`].sort());
    assert.equal(scp?.accountId, MGMT, 'organization actions run in the management account');
  });

  it('an organization action closes member findings judged in the member\'s own part (the organization trail)', async () => {
    const s = snapshot({ regions: ['us-east-1'] })
      .account(MGMT, (a) => a.org((o) => o.memberAccount(PROD, 'prod').memberAccount(DEV, 'dev')).everyRegion((r) => r.noTrails()))
      .account(PROD, (a) => a.memberOf(MGMT).everyRegion((r) => r.noTrails()))
      .account(DEV, (a) => a.memberOf(MGMT))
      .build();
    const { store, index } = await orgDir(s);
    const plan = await planOrganizationDir(store, index, baselineSchema.parse({ organization: { ous: [], logArchiveAccount: DEV } }));
    const trail = plan.actions.find((a) => a.kind === 'org.trail');
    assert.deepEqual(trail?.closes.filter((c) => c.checkId === 'cloudtrail-multi-region').map((c) => c.accountId).sort(), [MGMT, PROD]);
    assert.equal(trail?.accountId, MGMT);
  });

  it('lists an account that could not be audited as blocked, and still plans the others', async () => {
    const s = organization();
    const { store, index } = await orgDir({ ...s, accounts: s.accounts.filter((a) => a.accountId !== DEV) }, [GONE]);
    const plan = await planOrganizationDir(store, index, defaultBaseline());
    assert.ok(plan.blocked.some((b) => b.what.includes(GONE) && /not audited \(AccessDenied: not authorized/.test(b.reason)));
    assert.equal(plan.actions.some((a) => a.accountId === GONE || a.accountId === DEV), false);
    assert.ok(plan.actions.some((a) => a.accountId === PROD));
  });

  it('plans the organization from the index when the management account itself was not audited', async () => {
    const s = organization();
    const { store, index } = await orgDir({ ...s, accounts: s.accounts.filter((a) => a.accountId !== MGMT) });
    index.accounts.push({ accountId: MGMT, name: 'mgmt', status: 'ACTIVE', ouPath: '/', outcome: 'skipped', note: 'excluded' });
    const plan = await planOrganizationDir(store, index, defaultBaseline());
    assert.ok(plan.actions.some((a) => a.kind === 'org.scp'), 'SCPs from the saved Organizations slice');
    assert.equal(plan.actions.some((a) => a.accountId === MGMT && !a.kind.startsWith('org.')), false, 'no account defaults for an account not audited');
  });
});
