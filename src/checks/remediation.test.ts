// Failing findings carry commands that can be run as they are: every placeholder for a value the finding knows
// (its user, role, bucket, Region, ids…) is filled in. Run over the demo organization, which fails most checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoSnapshot } from '../demo/organization.ts';
import { evaluateChecks } from './engine.ts';
import { allChecks } from './index.ts';

// Placeholders naming something the finding's resource or context always knows. Others (`<group>` to create,
// `<access-key-id>` the credential report does not carry, `<config-role-arn>`) are the reader's to fill.
const KNOWN = ['user', 'role', 'bucket', 'region', 'account-id', 'member-account-id', 'instance-id', 'lt-id', 'version', 'sg-id', 'sgr-id', 'trail', 'key-id', 'policy-arn', 'id'];

describe('remediation commands of failing findings', () => {
  const findings = evaluateChecks(demoSnapshot(), allChecks).filter((f) => f.status === 'fail');

  it('the demo fails enough checks to make this meaningful', () => {
    assert.ok(new Set(findings.map((f) => f.checkId)).size >= 15);
  });

  for (const f of findings) {
    it(`${f.checkId} on ${f.resource.id}${f.region ? ` (${f.region})` : ''}: no known value left as a placeholder`, () => {
      const left = [...(f.remediation.cli ?? '').matchAll(/<([a-z0-9-]+)>/g)].map((m) => m[1] ?? '').filter((p) => KNOWN.includes(p));
      assert.deepEqual(left, [], f.remediation.cli);
    });
  }
});
