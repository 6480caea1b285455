// The registry: one collector per RegionalSnapshot key, each declaring read-only operations in IAM spelling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { regionalSchema } from '../../inventory/snapshot.ts';
import { regionalCollectors } from './index.ts';

describe('regional collector registry', () => {
  it('has exactly one collector per key of the regional schema', () => {
    assert.deepEqual(regionalCollectors.map((c) => c.key).sort(), Object.keys(regionalSchema.shape).sort());
  });

  it('declares only read-only operations in IAM action spelling', () => {
    for (const c of regionalCollectors) {
      assert.ok(c.operations.length > 0, c.key);
      for (const op of c.operations) {
        // API Gateway authorises its management API by HTTP verb: its reads are apigateway:GET
        assert.match(op, /^([a-z0-9-]+:(Describe|Get|List|BatchGet)[A-Za-z0-9]+|apigateway:GET)$/, `${c.key}: ${op}`);
      }
    }
  });
});
