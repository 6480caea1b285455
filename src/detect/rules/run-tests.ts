// Runs the test events embedded in rule files (`tests:`) and reports each verdict.
// Plain rules: every event must individually (not) match; threshold rules: feed the events in order to a fresh engine.

import { DetectionEngine } from '../engine.ts';
import type { DetectionRule } from './types.ts';

export interface RuleTestResult {
  ruleId: string;
  test: string;
  passed: boolean;
  detail?: string;
  file: string;
  line: number;
}

export function runRuleTests(rules: DetectionRule[]): RuleTestResult[] {
  const results: RuleTestResult[] = [];
  for (const configured of rules) {
    // Tests are written against the rule's own sample placeholder values (testVars), not the user's.
    const rule = configured.forTests ? configured.forTests() : configured;
    rule.tests.forEach((test, i) => {
      const base = { ruleId: rule.id, test: test.name ?? `test ${i + 1}`, file: rule.file, line: test.line };
      if (rule.disabled) {
        results.push({ ...base, passed: true, detail: `skipped: rule disabled (${rule.disabled.reason})` });
        return;
      }
      const wantMatch = test.expect === 'match';
      if (rule.threshold) {
        const engine = new DetectionEngine([rule], { now: () => 0 });
        const alerts = test.events.flatMap((e) => engine.process(e));
        const alerted = alerts.length > 0;
        results.push(
          alerted === wantMatch
            ? { ...base, passed: true }
            : { ...base, passed: false, detail: `expected ${test.expect}, but ${test.events.length} event(s) raised ${alerts.length} alert(s) (threshold ${rule.threshold.count} in ${rule.threshold.windowSeconds}s)` },
        );
        return;
      }
      const wrong = test.events.findIndex((e) => rule.match(e).matched !== wantMatch);
      results.push(
        wrong < 0
          ? { ...base, passed: true }
          : { ...base, passed: false, detail: `expected ${test.expect}, but event ${wrong + 1} ${wantMatch ? 'did not match' : 'matched'}` },
      );
    });
  }
  return results;
}
