import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { main } from '../cli/main.ts';
import { InputFileError } from '../core/errors.ts';
import { createMemoryLogger } from '../core/logger.ts';
import { demoReport, edgeCaseFindings } from '../report/fixtures.ts';
import { muteReport } from '../report/muted-report.ts';
import type { Finding } from './finding.ts';
import { applyMutes } from './mute.ts';
import { parseMutelist } from './mutelist.ts';

const ctx = { collectedAt: '2026-11-20T12:00:00.000Z', ouPaths: { '222222222222': ['Workloads', 'Prod'] } };
const finding = (over: Partial<Finding> = {}): Finding => ({ ...edgeCaseFindings()[0]!, accountId: '222222222222', ...over });

function parseError(text: string): InputFileError {
  try {
    parseMutelist(text, 'mutes.yml');
  } catch (e) {
    assert.ok(e instanceof InputFileError);
    return e;
  }
  assert.fail('expected an InputFileError');
}

describe('mutelist file', () => {
  it('parses globs, regexes, lists, numeric account ids and dates', () => {
    const m = parseMutelist(
      `mutes:
  - check: iam-*
    account: 012345678901
    region: [eu-west-1, us-*]
    resource: /^legacy-/i
    reason: accepted
    owner: alice
    expires: 2027-01-31
`,
      'mutes.yml',
    );
    const e = m.entries[0]!;
    assert.equal(e.line, 2);
    assert.deepEqual(e.account, [{ kind: 'glob', source: '012345678901' }]);
    assert.equal(e.resource?.[0]?.kind, 'regex');
    assert.equal(e.expires, '2027-01-31');
  });

  it('rejects mistakes with file:line and a clear message', () => {
    const noReason = parseError('mutes:\n  - check: root-mfa\n  - check: x\n    reason: ok\n');
    assert.match(noReason.message, /^mutes\.yml:2: mutes\.0\.reason: every entry needs a reason/);
    assert.match(parseError('mutes:\n  - check: root-mfa\n    reason: ok\n    expires: next week\n').message, /mutes\.yml:4: mutes\.0\.expires: expected a date YYYY-MM-DD/);
    assert.match(parseError('mutes:\n  - reason: matches everything\n').message, /mutes\.yml:2: .*at least one of check, account/);
    assert.match(parseError('mutes:\n  - check: x\n    reason: ok\n    colour: red\n').message, /mutes\.yml:2: .*colour/);
    assert.match(parseError('mutes:\n  - resource: /([/\n    reason: ok\n').message, /mutes\.yml:2: mutes\.0\.resource: invalid regular expression/);
    assert.match(parseError('mutes: [\n').message, /mutes\.yml:\d+: invalid YAML/);
  });
});

describe('applying a mutelist', () => {
  const list = (yaml: string) => parseMutelist(yaml, 'm.yml');

  it('matches on check, account, OU (name or path), Region, resource id or ARN, and tags', () => {
    const f = finding();
    const yes = [
      'check: edge-*', 'account: "222222222222"', 'ou: Prod', 'ou: Workloads/*', 'region: eu-west-1',
      'resource: arn:aws:s3:::weird', 'resource: /^=HYPER/', 'check: edge-hostile\n    region: eu-*',
    ];
    for (const m of yes) assert.equal(applyMutes([f], list(`mutes:\n  - ${m}\n    reason: r\n`), ctx).mutedCount, 1, m);
    const no = ['check: root-*', 'account: "111111111111"', 'ou: Sandbox', 'region: us-*', 'resource: other', 'check: edge-hostile\n    region: us-east-1', 'tags: { env: dev }'];
    for (const m of no) assert.equal(applyMutes([f], list(`mutes:\n  - ${m}\n    reason: r\n`), ctx).mutedCount, 0, m);
    const tagged = finding({ evidence: { tags: { env: 'dev-1' } } });
    assert.equal(applyMutes([tagged], list('mutes:\n  - tags: { env: dev-* }\n    reason: r\n'), ctx).mutedCount, 1);
  });

  it('flags muted findings with reason, owner, expiry and file:line; expired entries stop muting; unused entries are listed', () => {
    const out = applyMutes(
      [finding(), finding({ checkId: 'other' })],
      list('mutes:\n  - check: edge-hostile\n    reason: accepted\n    owner: alice\n    expires: 2026-11-20\n  - check: other\n    reason: old\n    expires: 2026-11-19\n  - check: nothing-*\n    reason: stale\n'),
      ctx,
    );
    assert.deepEqual(out.findings[0]!.muted, { reason: 'accepted', expires: '2026-11-20', owner: 'alice', entry: 'm.yml:2' });
    assert.equal(out.findings[1]!.muted, undefined, 'expired the day before the scan: not muted');
    assert.deepEqual(out.expired.map((e) => e.line), [6]);
    assert.deepEqual(out.unused.map((e) => e.line), [9]);
  });

  it('marks Exception-OU accounts exempt the same way, without a mutelist', () => {
    const exempt = finding({ status: 'not_applicable', evidence: { ouPath: ['Exceptions'], exempt: true }, message: 'account 2 is exempt: it sits under the Exception OU "Exceptions"' });
    const out = applyMutes([exempt], undefined, ctx);
    assert.deepEqual(out.findings[0]!.muted, { reason: 'exempt: account 2 is exempt: it sits under the Exception OU "Exceptions"', exempt: true });
    assert.equal(out.exemptCount, 1);
  });

  it('recounts the summary: muted findings leave byStatus and failBySeverity', () => {
    const report = demoReport();
    const { report: muted } = muteReport(report, list('mutes:\n  - check: root-mfa\n    reason: r\n'));
    const n = report.findings.filter((f) => f.checkId === 'root-mfa' && f.status === 'fail').length;
    const all = report.findings.filter((f) => f.checkId === 'root-mfa').length;
    assert.ok(n > 0);
    assert.equal(muted.summary.muted, all);
    assert.equal(muted.summary.byStatus.fail, report.summary.byStatus.fail - n);
    assert.equal(muted.findings.length, report.findings.length, 'muted findings stay in the report');
  });
});

describe('--mutelist on the CLI', () => {
  it('muted failures never trip --fail-on; expired and unused entries are warned about with file:line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-mute-'));
    const report = demoReport();
    const critical = [...new Set(report.findings.filter((f) => f.status === 'fail' && f.severity === 'critical').map((f) => f.checkId))];
    const file = join(dir, 'mutes.yml');
    await writeFile(file, `mutes:\n${critical.map((c) => `  - check: ${c}\n    reason: accepted\n`).join('')}  - check: root-mfa\n    reason: old\n    expires: 2020-01-01\n  - check: no-such-*\n    reason: stale\n`);
    const logger = createMemoryLogger();
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), env: {}, logger };
    assert.equal(await main(['scan', '--demo', '--fail-on', 'critical'], io), 1);
    assert.equal(await main(['scan', '--demo', '--fail-on', 'critical', '--mutelist', file], io), 0);
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    const line = 2 + critical.length * 2;
    assert.ok(warnings.includes(`${file}:${line}: mutelist entry expired on 2020-01-01 and no longer mutes (old)`), warnings.join('\n'));
    assert.ok(warnings.includes(`${file}:${line + 3}: mutelist entry matched no finding (stale)`), warnings.join('\n'));
    await writeFile(file, 'mutes:\n  - check: x\n');
    const bad = new PassThrough();
    let err = '';
    bad.on('data', (d: Buffer) => (err += d.toString()));
    assert.equal(await main(['scan', '--demo', '--mutelist', file], { ...io, stderr: bad }), 2);
    assert.match(err, /mutes\.yml:2: mutes\.0\.reason/);
  });
});
