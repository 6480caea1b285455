import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOf, sarifValidator } from '../../test/support/schemas.ts';
import { edgeCaseReport } from './fixtures.ts';
import { renderSarif } from './sarif.ts';

describe('SARIF writer', () => {
  const report = edgeCaseReport();
  const log = JSON.parse(renderSarif(report));
  const run = log.runs[0];

  it('is valid SARIF 2.1.0 (errata01 schema, formats checked)', () => {
    const validate = sarifValidator();
    assert.ok(validate(log), errorsOf(validate));
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: {} }] }), false, 'the validator rejects a broken log');
  });

  it('has one rule per check with help text and severity', () => {
    const checks = [...new Set(report.findings.map((f) => f.checkId))].sort();
    assert.deepEqual(run.tool.driver.rules.map((r: { id: string }) => r.id), checks);
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'edge-hostile');
    assert.match(rule.help.text, /Fix it/);
    assert.equal(rule.properties['security-severity'], '8.0');
  });

  it('has one result per failing or warning finding (muted ones suppressed) and a notification per error', () => {
    const fails = report.findings.filter((f) => f.status === 'fail' || f.status === 'warn');
    assert.equal(run.results.length, fails.length);
    assert.equal(run.results.filter((r: { suppressions?: unknown[] }) => r.suppressions).length, fails.filter((f) => f.muted).length);
    assert.equal(run.results.length - report.summary.muted, report.summary.byStatus.fail + report.summary.byStatus.warn);
    for (const r of run.results) if (report.findings.find((f) => f.checkId === r.ruleId && f.message === r.message.text)?.status === 'warn') assert.equal(r.level, 'warning');
    assert.equal(run.invocations[0].toolExecutionNotifications.length, report.findings.filter((f) => f.status === 'error').length);
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
  });

  it('locates a result by account, Region and resource ARN', () => {
    const r = run.results.find((x: { ruleId: string }) => x.ruleId === 'edge-hostile');
    const names = r.locations[0].logicalLocations.map((l: { fullyQualifiedName: string }) => l.fullyQualifiedName);
    assert.deepEqual(names, ['aws/999999999999', 'aws/999999999999/eu-west-1', 'arn:aws:s3:::weird']);
    assert.match(r.locations[0].physicalLocation.artifactLocation.uri, /^aws\/999999999999\/eu-west-1\/AwsS3Bucket\//);
  });

  it('fingerprints stay the same across scans for the same finding', () => {
    const again = JSON.parse(renderSarif(edgeCaseReport())).runs[0];
    assert.deepEqual(again.results.map((r: { partialFingerprints: unknown }) => r.partialFingerprints), run.results.map((r: { partialFingerprints: unknown }) => r.partialFingerprints));
  });
});
