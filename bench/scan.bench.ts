// Benchmark: a full scan (collect + evaluate) of a seeded account in the local AWS emulator.
// Prints wall time, API calls per account (by service), and peak memory. Skips with a message when moto is missing.
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { createAwsContext } from '../src/aws/clients.ts';
import { evaluateSnapshot, collect } from '../src/scan.ts';
import { fakeAwsEnv, motoAvailable, MOTO_SKIP_REASON, startMoto } from '../test/support/moto.ts';

if (!motoAvailable()) {
  console.log(`skipped: ${MOTO_SKIP_REASON}`);
  process.exit(0);
}
const moto = await startMoto();
try {
  Object.assign(process.env, fakeAwsEnv(moto.endpoint));
  const cfg = { region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  const iam = new IAMClient(cfg);
  const ec2 = new EC2Client(cfg);
  for (let i = 0; i < 20; i++) await s3.send(new CreateBucketCommand({ Bucket: `bench-bucket-${i}` }));
  for (let i = 0; i < 20; i++) await iam.send(new CreateUserCommand({ UserName: `bench-user-${i}` }));
  for (let i = 0; i < 10; i++) {
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: `bench-${i}`, Description: 'bench' }));
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: sg.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }),
    );
  }
  await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 5, MaxCount: 5 }));

  const regions = ['us-east-1', 'us-west-2', 'eu-west-1'];
  const aws = createAwsContext({ env: process.env });
  const t0 = performance.now();
  const snap = await collect(aws, { regions });
  const collected = performance.now();
  const { findings } = evaluateSnapshot(snap);
  const done = performance.now();
  const totals = aws.ledger.totals();
  const byService = new Map<string, number>();
  for (const e of aws.ledger.list()) byService.set(e.service, (byService.get(e.service) ?? 0) + e.calls);
  console.log(`seed: 20 buckets, 20 IAM users, 10 security groups, 5 instances; scanned Regions: ${regions.join(', ')}`);
  console.log(`collect: ${(collected - t0).toFixed(0)} ms wall, ${totals.calls} API calls for 1 account (${totals.errors} failed, ${totals.retries} retries, ${totals.throttled} throttled)`);
  console.log(`calls by service: ${[...byService].map(([s, n]) => `${s} ${n}`).join(', ')}`);
  console.log(`evaluate: ${(done - collected).toFixed(0)} ms → ${findings.length} findings`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  aws.destroy();
} finally {
  await moto.stop();
}
