// CheckTester: pass / fail / error cases for one check over fixture-built snapshots (frozen, so checks must be pure).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Snapshot } from '../inventory/snapshot.ts';
import type { CheckResult, Remediation, Status } from '../findings/finding.ts';
import type { Check } from './define.ts';
import { deepFreeze, runCheck, toFindings } from './engine.ts';
import type { DeniedRegion } from './helpers/region-closure.ts';

export interface CheckCase<O> {
  name: string;
  snapshot: Snapshot;
  options?: Partial<O>;
  /** Resource ids expected to have the case's status (exactly these, for fail/error/not_applicable cases). */
  resources?: string[];
  /** Extra assertions on the results. */
  verify?: (results: CheckResult[]) => void;
  /** Regions declared closed, as the config's regions.denied would. */
  deniedRegions?: DeniedRegion[];
}

export interface CheckCases<O> {
  pass: Array<CheckCase<O>>;
  fail: Array<CheckCase<O>>;
  error: Array<CheckCase<O> & { code?: string }>;
  /** The catalog's WARN verdicts, for checks whose catalog row has one. */
  warn?: Array<CheckCase<O>>;
  notApplicable?: Array<CheckCase<O>>;
}

function evaluateAll<O extends object>(check: Check<O>, c: CheckCase<O>): CheckResult[] {
  const snap = deepFreeze(structuredClone(c.snapshot));
  const results: CheckResult[] = [];
  for (const account of snap.accounts) results.push(...runCheck(check as Check, snap, account, c.options, c.deniedRegions));
  // a crash inside the check surfaces as an error whose operation is rampart:<id>; never acceptable in tests
  const crash = results.find((r) => r.error?.operation === `rampart:${check.meta.id}`);
  assert.equal(crash, undefined, `check crashed: ${crash?.message}`);
  return results;
}

function idsWith(results: CheckResult[], status: Status): string[] {
  return [...new Set(results.filter((r) => r.status === status).map((r) => r.resource.id))].sort();
}

function show(results: CheckResult[]): string {
  return results.map((r) => `  ${r.status} ${r.resource.id}${r.region ? ` (${r.region})` : ''}: ${r.message}`).join('\n');
}

/** The remediation a finding of this result carries, as the engine places it (placeholders filled). */
export function remediationOf<O extends object>(check: Check<O>, result: CheckResult | undefined, accountId = '111111111111'): Remediation {
  assert.ok(result, 'expected a result');
  const [finding] = toFindings(check as Check, accountId, [result]);
  assert.ok(finding);
  return finding.remediation;
}

/** Register node:test cases for a check. */
export function testCheck<O extends object>(check: Check<O>, cases: CheckCases<O>): void {
  describe(`check ${check.meta.id}`, () => {
    // a check whose catalog row has WARN as its only negative verdict (sg-open-other-ports) shows it with warn cases
    assert.ok(
      cases.pass.length > 0 && (cases.fail.length > 0 || (cases.warn?.length ?? 0) > 0) && cases.error.length > 0,
      'every check needs pass, fail (or, for a warn-only check, warn) and error cases',
    );
    for (const c of cases.pass) {
      it(`passes: ${c.name}`, () => {
        const results = evaluateAll(check, c);
        assert.ok(results.length > 0, 'expected at least one result');
        assert.deepEqual(idsWith(results, 'fail'), [], `expected no failure:\n${show(results)}`);
        assert.deepEqual(idsWith(results, 'warn'), [], `expected no warning:\n${show(results)}`);
        assert.deepEqual(idsWith(results, 'error'), [], `expected no error:\n${show(results)}`);
        assert.ok(results.some((r) => r.status === 'pass'), `expected a pass:\n${show(results)}`);
        if (c.resources) assert.deepEqual(idsWith(results, 'pass'), [...c.resources].sort());
        c.verify?.(results);
      });
    }
    for (const c of cases.fail) {
      it(`fails: ${c.name}`, () => {
        const results = evaluateAll(check, c);
        assert.ok(results.some((r) => r.status === 'fail'), `expected a failure:\n${show(results)}`);
        if (c.resources) assert.deepEqual(idsWith(results, 'fail'), [...c.resources].sort(), show(results));
        c.verify?.(results);
      });
    }
    for (const c of cases.error) {
      it(`errors: ${c.name}`, () => {
        const results = evaluateAll(check, c);
        const errors = results.filter((r) => r.status === 'error');
        assert.ok(errors.length > 0, `expected an error:\n${show(results)}`);
        for (const e of errors) assert.ok(e.error, 'an error result must carry the collection error');
        if (c.code) assert.ok(errors.every((e) => e.error?.code === c.code), `expected code ${c.code}:\n${show(results)}`);
        if (c.resources) assert.deepEqual(idsWith(results, 'error'), [...c.resources].sort(), show(results));
        // the resources that errored must not also get a verdict
        const errored = new Set(errors.map((e) => `${e.resource.id}|${e.region ?? ''}`));
        const judged = results.filter((r) => (r.status === 'pass' || r.status === 'fail' || r.status === 'warn') && errored.has(`${r.resource.id}|${r.region ?? ''}`));
        assert.deepEqual(judged, [], `a resource with missing data was also judged:\n${show(results)}`);
        c.verify?.(results);
      });
    }
    for (const c of cases.warn ?? []) {
      it(`warns: ${c.name}`, () => {
        const results = evaluateAll(check, c);
        assert.ok(results.some((r) => r.status === 'warn'), `expected a warning:\n${show(results)}`);
        assert.deepEqual(idsWith(results, 'fail'), [], `a warning case must not also fail:\n${show(results)}`);
        if (c.resources) assert.deepEqual(idsWith(results, 'warn'), [...c.resources].sort(), show(results));
        c.verify?.(results);
      });
    }
    for (const c of cases.notApplicable ?? []) {
      it(`not applicable: ${c.name}`, () => {
        const results = evaluateAll(check, c);
        assert.ok(results.some((r) => r.status === 'not_applicable'), `expected not_applicable:\n${show(results)}`);
        assert.deepEqual(idsWith(results, 'fail'), [], show(results));
        if (c.resources) assert.deepEqual(idsWith(results, 'not_applicable'), [...c.resources].sort());
        c.verify?.(results);
      });
    }
  });
}
