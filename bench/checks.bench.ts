// Benchmark: evaluate every check over a generated snapshot of 100 accounts × 17 Regions. Prints figures only.
import { allChecks } from '../src/checks/index.ts';
import { evaluateChecks } from '../src/checks/engine.ts';
import { snapshot } from '../src/inventory/fixtures.ts';

const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1',
  'eu-north-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'sa-east-1',
];
const ACCOUNTS = 100;

const t0 = performance.now();
const builder = snapshot({ regions: REGIONS });
for (let i = 0; i < ACCOUNTS; i++) {
  const id = String(100000000000 + i);
  builder.account(id, (a) => {
    for (let u = 0; u < 20; u++) a.iamUser(`user${u}`, { console: u % 3 === 0, mfa: u % 2 === 0, keys: [{ lastUsedDaysAgo: u * 5, rotatedDaysAgo: u * 10 }] });
    for (let b = 0; b < 10; b++) a.bucket(`bucket-${id}-${b}`, { policy: b === 0 ? { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] } : null });
    a.everyRegion((r, region) => {
      for (let g = 0; g < 10; g++) r.securityGroup(`sg-${region}-${g}`, [{ protocol: 'tcp', from: g === 0 ? 22 : 443, cidr: '0.0.0.0/0' }]);
      for (let n = 0; n < 5; n++) r.instance(`i-${region}-${n}`, { httpTokens: n === 0 ? 'optional' : 'required' });
      r.kmsKey(`key-${region}`, { rotation: false });
    });
  });
}
const snap = builder.build();
const built = performance.now();
const findings = evaluateChecks(snap, allChecks);
const done = performance.now();
const mem = process.memoryUsage();
console.log(`snapshot: ${ACCOUNTS} accounts × ${REGIONS.length} Regions, ${JSON.stringify(snap).length.toLocaleString()} bytes of JSON (built in ${(built - t0).toFixed(0)} ms)`);
console.log(`evaluated ${allChecks.length} checks → ${findings.length.toLocaleString()} findings in ${(done - built).toFixed(0)} ms`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB, heap used ${(mem.heapUsed / 1048576).toFixed(0)} MiB`);
