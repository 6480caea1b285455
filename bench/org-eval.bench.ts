// Benchmark: evaluate a generated organization snapshot directory (one file per account, 17 Regions each) account
// by account, at 50 and 200 accounts, each in its own process so peak RSS is its own. Snapshot memory stays bounded
// (one account plus the management account at a time); what still grows is the findings list the report holds.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshot } from '../src/inventory/fixtures.ts';
import { evaluateOrganization } from '../src/org/evaluate.ts';
import { ORG_INDEX_KIND, ORG_INDEX_VERSION, OrgSnapshotDir, type OrgIndex } from '../src/org/store.ts';

const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1',
  'eu-north-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'sa-east-1',
];
const MGMT = '100000000000';
const idOf = (i: number) => String(100000000000 + i);

async function child(n: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-org-eval-'));
  try {
    const store = new OrgSnapshotDir(dir);
    await store.prepare();
    const entries: OrgIndex['accounts'] = [];
    let organizations: OrgIndex['organizations'] | undefined;
    const t0 = performance.now();
    // written one account at a time, as a collection would
    for (let i = 0; i < n; i++) {
      const id = idOf(i);
      const snap = snapshot({ regions: REGIONS })
        .account(id, (a) => {
          if (i === 0) a.org((o) => { o.ou('ou-root-prod0001', 'Prod'); for (let m = 1; m < n; m++) o.memberAccount(idOf(m), `member${m}`, 'ou-root-prod0001'); });
          else a.memberOf(MGMT);
          for (let u = 0; u < 20; u++) a.iamUser(`user${u}`, { console: u % 3 === 0, mfa: u % 2 === 0, keys: [{ lastUsedDaysAgo: u * 5, rotatedDaysAgo: u * 10 }] });
          for (let b = 0; b < 10; b++) a.bucket(`bucket-${id}-${b}`, { policy: b === 0 ? { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] } : null });
          a.everyRegion((r, region) => {
            for (let g = 0; g < 10; g++) r.securityGroup(`sg-${region}-${g}`, [{ protocol: 'tcp', from: g === 0 ? 22 : 443, cidr: '0.0.0.0/0' }]);
            for (let k = 0; k < 5; k++) r.instance(`i-${region}-${k}`, { httpTokens: k === 0 ? 'optional' : 'required' });
            r.kmsKey(`key-${region}`, { rotation: false });
          });
        })
        .build();
      if (i === 0) organizations = snap.accounts[0]!.organizations;
      const file = await store.writeAccount(snap);
      entries.push({ accountId: id, name: `member${i}`, status: 'ACTIVE', ouPath: i === 0 ? 'Root' : 'Root/Prod', outcome: 'audited', file, scannedRegions: REGIONS });
    }
    const index: OrgIndex = {
      kind: ORG_INDEX_KIND,
      schemaVersion: ORG_INDEX_VERSION,
      tool: { name: 'rampart', version: 'bench' },
      startedAt: '2026-11-20T12:00:00.000Z',
      collectedAt: '2026-11-20T12:00:00.000Z',
      organization: { id: 'o-exampleorg1', managementAccountId: MGMT },
      scannedFrom: { accountId: MGMT, callerArn: `arn:aws:iam::${MGMT}:user/bench` },
      organizations: organizations!,
      request: { regions: null, roleName: 'RampartAudit', shard: null },
      expectedRegions: REGIONS,
      accounts: entries,
    };
    await store.writeIndex(index);
    const written = performance.now();
    const rssAfterWrite = process.resourceUsage().maxRSS / 1024;
    const { findings } = await evaluateOrganization(store, index);
    const done = performance.now();
    console.log(
      `${n} accounts × ${REGIONS.length} Regions: written in ${((written - t0) / 1000).toFixed(1)} s (peak RSS ${rssAfterWrite.toFixed(0)} MiB); evaluated → ${findings.length.toLocaleString()} findings in ${((done - written) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const n = Number(process.env.RAMPART_BENCH_ACCOUNTS ?? 0);
if (n > 0) await child(n);
else {
  for (const count of [50, 200]) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { stdio: 'inherit', env: { ...process.env, RAMPART_BENCH_ACCOUNTS: String(count) } });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
