// The organization checks of services run by a delegated administrator (GuardDuty, Security Hub) in an organization
// evaluation: the administrator's snapshot of the same run is read, and an administrator the run could not audit is
// an error naming it — never a verdict from one side only.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findCheck } from '../checks/index.ts';
import type { Check } from '../checks/define.ts';
import { collectError, snapshot } from '../inventory/fixtures.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { delegatedAdministratorIds, evaluateOrganization } from './evaluate.ts';
import { ORG_INDEX_KIND, ORG_INDEX_VERSION, OrgSnapshotDir, type OrgIndex } from './store.ts';

const MGMT = '111111111111';
const AUDIT = '222222222222';
const CHECKS = ['guardduty-delegated-admin', 'guardduty-org-auto-enable', 'securityhub-org-aggregation'].map((id) => findCheck(id) as Check);

function accounts(): { mgmt: Snapshot; audit: Snapshot } {
  const build = () =>
    snapshot({ regions: ['us-east-1'] })
      .account(MGMT, (a) =>
        a
          .org((o) => o.memberAccount(AUDIT, 'audit'))
          .inRegion('us-east-1', (r) =>
            r.set('guardduty.organizationAdminAccounts', [{ adminAccountId: AUDIT, adminStatus: 'ENABLED' }]).set('securityhub.organizationAdminAccounts', [{ accountId: AUDIT, status: 'ENABLED' }]),
          ),
      )
      .account(AUDIT, (a) =>
        a.memberOf(MGMT).inRegion('us-east-1', (r) =>
          r
            .set('guardduty.members', [{ accountId: MGMT, relationshipStatus: 'Enabled' }])
            .set('securityhub.findingAggregators', [
              { arn: `arn:aws:securityhub:us-east-1:${AUDIT}:finding-aggregator/x`, detail: { ok: true, value: { aggregationRegion: 'us-east-1', regionLinkingMode: 'ALL_REGIONS', regions: [] } } },
            ]),
        ),
      )
      .build();
  const s = build();
  return { mgmt: { ...s, accounts: [s.accounts[0]!] }, audit: { ...s, accounts: [s.accounts[1]!] } };
}

async function orgRun(auditOutcome: 'audited' | 'error'): Promise<OrgIndex & { dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-admins-'));
  dirs.push(dir);
  const store = new OrgSnapshotDir(dir);
  await store.prepare();
  const { mgmt, audit } = accounts();
  const mgmtFile = await store.writeAccount(mgmt);
  const auditFile = auditOutcome === 'audited' ? await store.writeAccount(audit) : undefined;
  const at = mgmt.collectedAt;
  return {
    dir,
    kind: ORG_INDEX_KIND,
    schemaVersion: ORG_INDEX_VERSION,
    tool: { name: 'rampart', version: 'test' },
    startedAt: at,
    collectedAt: at,
    organization: { id: 'o-exampleorg1', managementAccountId: MGMT },
    scannedFrom: { accountId: MGMT, callerArn: `arn:aws:iam::${MGMT}:role/audit` },
    organizations: mgmt.accounts[0]!.organizations,
    request: { regions: ['us-east-1'], roleName: 'OrganizationAccountAccessRole', shard: null },
    expectedRegions: ['us-east-1'],
    accounts: [
      { accountId: MGMT, name: 'management', status: 'ACTIVE', ouPath: 'Root', outcome: 'audited', file: mgmtFile, scannedRegions: ['us-east-1'] },
      auditOutcome === 'audited'
        ? { accountId: AUDIT, name: 'audit', status: 'ACTIVE', ouPath: 'Root', outcome: 'audited', file: auditFile, scannedRegions: ['us-east-1'] }
        : { accountId: AUDIT, name: 'audit', status: 'ACTIVE', ouPath: 'Root', outcome: 'error', error: collectError('AccessDenied', 'sts:AssumeRole') },
    ],
  };
}

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('organization evaluation with delegated administrators', () => {
  it('lists the administrators the management account names', () => {
    assert.deepEqual(delegatedAdministratorIds(accounts().mgmt.accounts[0]!), [AUDIT]);
  });

  it("judges the administrator's configuration in its own run, once, and nothing from the management account's", async () => {
    const index = await orgRun('audited');
    const { findings } = await evaluateOrganization(new OrgSnapshotDir(index.dir), index, { checks: CHECKS });
    const rows = findings.map((f) => `${f.checkId} ${f.accountId} ${f.region ?? '-'} ${f.status}`).sort();
    assert.deepEqual(rows, [
      `guardduty-delegated-admin ${MGMT} us-east-1 pass`,
      `guardduty-org-auto-enable ${AUDIT} us-east-1 pass`,
      `securityhub-org-aggregation ${AUDIT} - pass`,
    ]);
  });

  it('reports an administrator the run could not audit as an error naming it', async () => {
    const index = await orgRun('error');
    const { findings } = await evaluateOrganization(new OrgSnapshotDir(index.dir), index, { checks: CHECKS });
    const missing = findings.filter((f) => f.checkId !== 'guardduty-delegated-admin');
    assert.deepEqual(missing.map((f) => `${f.checkId} ${f.accountId} ${f.status}`).sort(), [`guardduty-org-auto-enable ${MGMT} error`, `securityhub-org-aggregation ${MGMT} error`]);
    for (const f of missing) assert.match(f.error?.message ?? '', new RegExp(`delegated administrator account ${AUDIT}; run with --org`));
  });
});
