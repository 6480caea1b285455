import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { allChecks } from '../checks/index.ts';
import type { Finding, Status } from '../findings/finding.ts';
import { cisAws30 } from './cis-aws-3.0.ts';
import { summarizeFramework, unknownControlIds, type Framework } from './framework.ts';

const tiny: Framework = {
  id: 'tiny',
  name: 'Tiny',
  version: '1',
  complianceKey: 'cisAws3',
  controls: [
    { id: 'A', title: 'automated control', assessment: 'automated' },
    { id: 'M', title: 'manual control', assessment: 'manual' },
    { id: 'U', title: 'uncovered control', assessment: 'automated' },
  ],
};
const checks = [
  { id: 'check-a', compliance: { cisAws3: ['A'], sources: [] } },
  { id: 'check-m', compliance: { cisAws3: ['M'], sources: [] } },
];

function finding(checkId: string, status: Status, muted = false): Finding {
  return {
    checkId,
    status,
    title: checkId,
    severity: 'high',
    accountId: '111111111111',
    resource: { type: 'AwsAccount', id: '111111111111' },
    message: status,
    remediation: { text: 'fix' },
    compliance: { sources: [] },
    ...(muted ? { muted: { reason: 'accepted' } } : {}),
  };
}

function statusOf(findings: Finding[], ran = ['check-a', 'check-m']) {
  const s = summarizeFramework(tiny, checks, new Set(ran), findings);
  return Object.fromEntries(s.controls.map((c) => [c.id, c.status]));
}

describe('framework roll-up', () => {
  it('a control passes only when its checks pass; a manual control is manual with the same evidence, never pass', () => {
    assert.deepEqual(statusOf([finding('check-a', 'pass'), finding('check-m', 'pass')]), { A: 'pass', M: 'manual', U: 'not_covered' });
  });

  it('one failure fails the control, before errors and warnings; a failure fails a manual control too', () => {
    assert.deepEqual(statusOf([finding('check-a', 'pass'), finding('check-a', 'error'), finding('check-a', 'fail'), finding('check-m', 'fail')]), {
      A: 'fail',
      M: 'fail',
      U: 'not_covered',
    });
  });

  it('an error is never rolled up as pass; a warning comes after errors', () => {
    assert.deepEqual(statusOf([finding('check-a', 'pass'), finding('check-a', 'error'), finding('check-m', 'warn')]), { A: 'error', M: 'warn', U: 'not_covered' });
  });

  it('muted findings do not count; only not-applicable results give not_applicable', () => {
    assert.deepEqual(statusOf([finding('check-a', 'fail', true), finding('check-a', 'not_applicable')]).A, 'not_applicable');
  });

  it('a control whose checks did not run is not_run, not pass', () => {
    assert.deepEqual(statusOf([finding('check-m', 'pass')], ['check-m']), { A: 'not_run', M: 'manual', U: 'not_covered' });
  });

  it('counts findings per status and controls per status', () => {
    const s = summarizeFramework(tiny, checks, new Set(['check-a', 'check-m']), [finding('check-a', 'pass'), finding('check-a', 'fail'), finding('check-m', 'pass')]);
    assert.deepEqual(s.controls[0]!.findings, { pass: 1, fail: 1, warn: 0, error: 0, not_applicable: 0 });
    assert.deepEqual(s.controls[0]!.checks, ['check-a']);
    assert.equal(s.totals.fail, 1);
    assert.equal(s.totals.manual, 1);
    assert.equal(s.totals.not_covered, 1);
  });
});

describe('CIS AWS Foundations v3.0 data', () => {
  it('every CIS id a check names is a control of the framework', () => {
    assert.deepEqual(unknownControlIds(cisAws30, allChecks.map((c) => c.meta)), []);
  });

  it('lists each control once, and every CIS id the catalog cites', async () => {
    const ids = cisAws30.controls.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    const catalog = await readFile(new URL('../../docs/controls.md', import.meta.url), 'utf8');
    // the catalog's CIS column reads `1.16 / prowler_id` or `5.2, 5.3 / …`
    const cited = [...catalog.matchAll(/\| ((?:\d+\.\d+(?:\.\d+)?(?: \((?:manual|partial)\))?(?:, )?)+) \/ /g)].flatMap((m) => m[1]!.split(', ').map((s) => s.split(' ')[0]!));
    assert.ok(cited.length > 30, 'the catalog CIS column was read');
    for (const id of cited) assert.ok(ids.includes(id), `catalog cites CIS ${id}, which the framework data lacks`);
  });

  it('marks the controls the catalog calls manual as manual', () => {
    for (const id of ['1.1', '1.18', '1.21', '2.1.3']) assert.equal(cisAws30.controls.find((c) => c.id === id)?.assessment, 'manual', id);
  });
});
