// Faults survived: the built CLI scans the seeded two-Region account through the fault-injection proxy. With heavy
// throttling, 5xx and dropped connections the scan completes, and every verdict is the fault-free verdict or
// `error` with its cause — never another verdict. Expired credentials stop the run with exit 3 and a plain message.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAwsContext, type AwsContext } from '../../src/aws/clients.ts';
import { collect, evaluateSnapshot } from '../../src/scan.ts';
import { assertFreshBuild, runCli, type RunResult } from '../support/built-cli.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { fakeAwsEnv, MOTO_SKIP_REASON, motoAvailable, startMoto, type Moto } from '../support/moto.ts';
import { seedTwoRegions } from '../support/scenario.ts';

interface Finding {
  checkId: string;
  status: string;
  region?: string;
  resource: { id: string };
  message: string;
  error?: { code: string; operation: string; message: string };
}
interface Report {
  findings: Finding[];
  apiCalls: { total: number; retries: number; throttled: number; errors: number };
}

const keyOf = (f: Finding) => `${f.checkId} | ${f.region ?? '-'} | ${f.resource.id}`;
// one Region keeps this file's three scans short; the scenario's second Region is covered by test/e2e/scan.test.ts
const scanArgs = ['scan', '--format', 'json', '--regions', 'us-east-1', '--stats', '--concurrency', '16'];

/**
 * Every faulted verdict is the fault-free one, or `error` carrying a cause. A fault may also turn a check's
 * per-resource rows into one error row for its Region or account: every fault-free row then needs an error row
 * of the same check to account for it.
 */
function assertOnlyRightOrError(faulted: Report, clean: Report): void {
  const cleanByKey = new Map(clean.findings.map((f) => [keyOf(f), f]));
  const problems: string[] = [];
  for (const f of faulted.findings) {
    if (f.status === 'error') {
      if (!f.error?.code || !f.error.operation) problems.push(`${keyOf(f)}: error without its cause (${f.message})`);
      continue;
    }
    const want = cleanByKey.get(keyOf(f));
    if (!want) problems.push(`${keyOf(f)}: ${f.status}, but there is no such verdict without faults`);
    else if (want.status !== f.status) problems.push(`${keyOf(f)}: ${f.status}, but ${want.status} without faults`);
  }
  const faultedKeys = new Set(faulted.findings.map(keyOf));
  const erroredChecks = new Set(faulted.findings.filter((f) => f.status === 'error').map((f) => `${f.checkId}|${f.region ?? '-'}`));
  const erroredGlobally = new Set(faulted.findings.filter((f) => f.status === 'error').map((f) => f.checkId));
  for (const f of clean.findings) {
    if (faultedKeys.has(keyOf(f))) continue;
    if (!erroredChecks.has(`${f.checkId}|${f.region ?? '-'}`) && !erroredGlobally.has(f.checkId)) {
      problems.push(`${keyOf(f)}: ${f.status} without faults, missing under faults with no error to say why`);
    }
  }
  assert.deepEqual(problems, []);
}

describe('scan through the fault-injection proxy', { skip: motoAvailable() ? false : MOTO_SKIP_REASON }, () => {
  let moto: Moto;
  let proxy: FaultProxy;
  let clean: Report;
  const env = () => fakeAwsEnv(proxy.endpoint);

  before(async () => {
    assertFreshBuild();
    moto = await startMoto();
    await seedTwoRegions(moto.endpoint);
    proxy = await startFaultProxy(moto.endpoint);
    const r = await runCli(scanArgs, env());
    assert.equal(r.code, 0, r.stderr);
    clean = JSON.parse(r.stdout) as Report;
  });

  after(async () => {
    await proxy?.stop();
    await moto?.stop();
  });

  describe('30% throttling, 10% 5xx, 5% dropped connections', () => {
    let result: RunResult;
    let report: Report;
    before(async () => {
      proxy.setPlan({ seed: 6, throttle: 0.3, serverError: 0.1, drop: 0.05 });
      result = await runCli(scanArgs, env());
      report = JSON.parse(result.stdout || '{}') as Report;
    });

    it('completes the scan', () => {
      assert.equal(result.code, 0, result.stderr);
      assert.ok(report.findings.length > 0);
    });

    it('injected every kind of fault, throttling in each protocol', () => {
      assert.ok(proxy.stats.throttled > 0 && proxy.stats.serverErrors > 0 && proxy.stats.dropped > 0, JSON.stringify(proxy.stats));
      for (const [protocol, n] of Object.entries(proxy.stats.throttledByProtocol)) assert.ok(n > 0, `no ${protocol} request was throttled`);
    });

    it('gives every verdict as without faults, or error with the cause', () => {
      assertOnlyRightOrError(report, clean);
    });

    it('counts retries and throttles in the report and in --stats', () => {
      assert.ok(report.apiCalls.retries > 0, 'retries counted');
      assert.ok(report.apiCalls.throttled > 0, 'throttles counted');
      const total = result.stderr.split('\n').find((l) => l.startsWith('total '));
      assert.equal(
        total,
        `total ${report.apiCalls.total} calls (${report.apiCalls.retries} retries, ${report.apiCalls.throttled} throttled, ${report.apiCalls.errors} failed), ${report.apiCalls.total} per account`,
      );
    });
  });

  // In process, through the library API: the socket timeout is short here so slow answers cost a second, not a minute.
  describe('answers slower than the socket timeout, and bodies cut short', () => {
    let report: Report;
    let ledger: ReturnType<AwsContext['ledger']['totals']>;
    before(async () => {
      proxy.setPlan({ seed: 11, slow: 0.08, slowMs: 1_500, truncate: 0.1 });
      // the SDK reads AWS_ENDPOINT_URL from process.env itself: without this it would go to AWS (this file's own process)
      Object.assign(process.env, fakeAwsEnv(proxy.endpoint));
      const aws = createAwsContext({
        credentials: async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' }),
        requestTimeoutMs: 400,
      });
      try {
        const snapshot = await collect(aws, { regions: ['us-east-1'], concurrency: 16 });
        report = evaluateSnapshot(snapshot, { ledger: aws.ledger }).report as unknown as Report;
        ledger = aws.ledger.totals();
      } finally {
        aws.destroy();
      }
    });

    it('injected both faults', () => {
      assert.ok(proxy.stats.slowed > 0 && proxy.stats.truncated > 0, JSON.stringify(proxy.stats));
    });

    it('gives every verdict as without faults, or error with the cause', () => {
      assertOnlyRightOrError(report, clean);
    });

    it('retried the timed-out attempts', () => {
      assert.ok(ledger.retries > 0, JSON.stringify(ledger));
    });
  });

  it('stops with exit 3 and a plain message when the credentials expire mid-scan', async () => {
    proxy.setPlan({ expireCredentialsAfter: 15 });
    const r = await runCli(scanArgs, env());
    assert.equal(r.code, 3, r.stderr);
    // depending on which call meets the expired token first: the identity check or a collector
    assert.match(r.stderr, /credentials expired or became invalid during the scan|your AWS session expired/);
    assert.doesNotMatch(r.stderr, /unexpected error|at .*\.js:\d+/);
    assert.equal(r.stdout, '', 'no report built on half the data');
  });
});
