// Rules sent to worker threads as data (ruleParts → structured clone → assembleRule) behave exactly as loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assembleRule, ruleParts } from './assemble.ts';
import { loadRules } from './index.ts';

test('every built-in rule, rebuilt from its cloned parts, gives the same verdict and severity on every test event', async () => {
  // With and without site values: disabled rules and var-dependent defaults travel too.
  const varSets: Array<Record<string, string[]>> = [{}, { allowed_regions: ['us-east-1'], org_account_ids: ['111122223333'], trail_buckets: ['org-trail'] }];
  for (const vars of varSets) {
    const rules = await loadRules({ includeBuiltin: true, vars });
    const events = rules.flatMap((r) => r.tests.flatMap((t) => t.events));
    assert.ok(events.length > 100);
    for (const original of rules) {
      const copy = assembleRule(structuredClone(ruleParts(original)));
      const { match: _m, tests: _t, ...meta } = original;
      const { match: _m2, tests: copyTests, ...copyMeta } = copy;
      assert.deepEqual(copyMeta, meta, original.id);
      assert.deepEqual(copyTests, [], 'the embedded tests stay behind');
      assert.deepEqual(copy.ast, original.ast, original.id);
      for (const e of events) assert.deepEqual(copy.match(e), original.match(e), `${original.id} on ${e.eventName}`);
    }
  }
});

test('a rule without a compiled detection cannot be sent (it would run as something else)', () => {
  assert.throws(() => ruleParts({ id: 'x', title: 'x', severity: 'low', references: [], falsepositives: [], tags: [], tests: [], file: 'x.yml', line: 1, match: () => ({ matched: false, severity: 'low' }) }), /rule x has no compiled detection/);
});
