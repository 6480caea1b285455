import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { singleAccount } from '../inventory/fixtures.ts';
import { evaluateSnapshot } from '../scan.ts';
import { renderTerminal } from './terminal.ts';

const render = (snapshot: ReturnType<typeof singleAccount>) => renderTerminal(evaluateSnapshot(snapshot).report, { color: false });

describe('terminal report: errors', () => {
  it('a Region where every call was refused is one line with the number of checks, not one line per check', () => {
    const snapshot = singleAccount((a) => a.inRegion('eu-west-3', (r) => r.refuseEverything('AccessDenied')), { regions: ['us-east-1', 'eu-west-3'] });
    const { report } = evaluateSnapshot(snapshot);
    const regionalChecks = new Set(report.findings.filter((f) => f.region === 'eu-west-3' && f.status === 'error').map((f) => f.checkId)).size;
    assert.ok(regionalChecks >= 5, 'the fixture leaves several regional checks without data');
    const text = render(snapshot);
    assert.match(text, new RegExp(`\\n  111111111111 eu-west-3: every call refused \\(AccessDenied\\) — ${regionalChecks} checks not evaluated\\n`));
    assert.match(text, /an SCP or a permissions boundary may deny the Region\. If it is closed on purpose, list eu-west-3 under regions\.denied/);
    // none of that Region's errors is repeated as a per-check line
    assert.doesNotMatch(text, /\n    111111111111 eu-west-3\n/);
  });

  it('a Region with mixed causes keeps one line per check and cause', () => {
    const snapshot = singleAccount(
      (a) => a.inRegion('eu-west-3', (r) => r.fail('guardduty.detectors', 'AccessDenied', 'guardduty:ListDetectors').fail('kms.keys', 'Throttled', 'kms:ListKeys')),
      { regions: ['us-east-1', 'eu-west-3'] },
    );
    const text = render(snapshot);
    assert.doesNotMatch(text, /every call/);
    assert.match(text, /guardduty-enabled  AccessDenied on guardduty:ListDetectors in eu-west-3/);
    assert.match(text, /kms-rotation  Throttled on kms:ListKeys in eu-west-3/);
  });
});
