// Benchmark: an organization-wide collection through a loopback proxy adding AWS-like latency (~25 ms per request)
// in front of the emulator — a management account and 10 members in 2 Regions — against a one-account collection in
// the same run. Prints wall time, requests per account, peak RSS, and the emulator's own CPU time for the run (it is
// one Python process, so at organization scale it is the bottleneck; Rampart should keep it saturated).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecurityGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { createAwsContext } from '../src/aws/clients.ts';
import { collectOrganization } from '../src/org/collect.ts';
import { OrgSnapshotDir } from '../src/org/store.ts';
import { collect } from '../src/scan.ts';
import { fakeAwsEnv, motoAvailable, MOTO_SKIP_REASON, startMoto } from '../test/support/moto.ts';
import { managementConfig, memberConfig, seedOrganization, type ClientConfig } from '../test/support/org-seed.ts';
import { startProxy } from '../test/support/proxy.ts';

if (!motoAvailable()) {
  console.log(`skipped: ${MOTO_SKIP_REASON}`);
  process.exit(0);
}

const MEMBERS = 10;
const REGIONS = ['us-east-1', 'eu-west-1'];
const LATENCY_MS = 25;

/** utime + stime of a process, in ms (Linux /proc; clock ticks are 100/s). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function seedAccount(cfg: ClientConfig, tag: string): Promise<void> {
  const iam = new IAMClient(cfg);
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  const ec2 = new EC2Client(cfg);
  for (let i = 0; i < 3; i++) await iam.send(new CreateUserCommand({ UserName: `${tag}-user-${i}` }));
  for (let i = 0; i < 3; i++) await s3.send(new CreateBucketCommand({ Bucket: `bench-${tag}-bucket-${i}` }));
  await ec2.send(new CreateSecurityGroupCommand({ GroupName: `${tag}-sg`, Description: 'bench' }));
  for (const c of [iam, s3, ec2]) c.destroy();
}

const moto = await startMoto({ managedPolicies: false });
const proxy = await startProxy({ target: moto.endpoint, latencyMs: LATENCY_MS });
const dir = await mkdtemp(join(tmpdir(), 'rampart-org-bench-'));
try {
  const names = Object.fromEntries(Array.from({ length: MEMBERS }, (_, i) => [`member${i}`, i % 2 === 0 ? 'Prod' : 'Dev']));
  const org = await seedOrganization(moto.endpoint, ['Prod', 'Dev'], names);
  await seedAccount(managementConfig(moto.endpoint), 'mgmt');
  for (const [name, id] of Object.entries(org.members)) await seedAccount(await memberConfig(moto.endpoint, id), name);
  Object.assign(process.env, fakeAwsEnv(proxy.endpoint));
  const pid = moto.pid ?? 0;

  // one account, alone
  const single = createAwsContext({ env: process.env });
  let cpu0 = await cpuMs(pid);
  let t0 = performance.now();
  await collect(single, { regions: REGIONS });
  const singleWall = performance.now() - t0;
  const singleCpu = (await cpuMs(pid)) - cpu0;
  const singleCalls = single.ledger.totals().calls;
  single.destroy();

  // the organization
  const aws = createAwsContext({ env: process.env });
  const before = proxy.requests();
  cpu0 = await cpuMs(pid);
  t0 = performance.now();
  const index = await collectOrganization(aws, new OrgSnapshotDir(dir), { regions: REGIONS, ...(process.env.ACCOUNT_CONCURRENCY ? { accountConcurrency: Number(process.env.ACCOUNT_CONCURRENCY) } : {}) });
  const orgWall = performance.now() - t0;
  const orgCpu = (await cpuMs(pid)) - cpu0;
  const requests = proxy.requests() - before;
  const accounts = index.accounts.filter((a) => a.outcome === 'audited').length;
  const totals = aws.ledger.totals();
  aws.destroy();

  console.log(`organization: management + ${MEMBERS} members in 2 OUs, ${REGIONS.length} Regions, +${LATENCY_MS} ms per request (loopback proxy); ${index.accounts.filter((a) => a.outcome === 'error').length} accounts failed`);
  console.log(`one account:  ${singleWall.toFixed(0)} ms wall, ${singleCalls} API calls; emulator CPU ${singleCpu} ms`);
  console.log(
    `organization: ${orgWall.toFixed(0)} ms wall for ${accounts} accounts, ${requests} requests (${(requests / accounts).toFixed(1)} per account, ${((requests / accounts / singleCalls - 1) * 100).toFixed(0)}% vs one account; ${totals.throttled} throttled)`,
  );
  console.log(`emulator CPU during the organization run: ${orgCpu} ms → wall is ${((orgWall / orgCpu - 1) * 100).toFixed(0)}% above it (0% = the emulator never idles)`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
} finally {
  await proxy.stop();
  await moto.stop();
  await rm(dir, { recursive: true, force: true });
}
