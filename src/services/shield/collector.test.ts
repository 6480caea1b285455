// Unit tests for the Shield collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetSubscriptionStateCommand, ListProtectionsCommand, ShieldClient } from '@aws-sdk/client-shield';
import { mockClient } from 'aws-sdk-client-mock';
import { awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { shieldSchema } from './schema.ts';
import { shieldCollector } from './collector.ts';

const shield = mockClient(ShieldClient);

describe('shield collector', () => {
  beforeEach(() => shield.reset());
  afterEach(() => shield.reset());

  it('lists protections across pages when the subscription is ACTIVE', async () => {
    shield.on(GetSubscriptionStateCommand).resolves({ SubscriptionState: 'ACTIVE' });
    shield.on(ListProtectionsCommand).resolves({ Protections: [{ Id: 'p1', Name: 'alb', ResourceArn: 'arn:a' }], NextToken: 't2' });
    shield.on(ListProtectionsCommand, { NextToken: 't2' }).resolves({ Protections: [{ Id: 'p2', ResourceArn: 'arn:b' }] });
    const out = shieldSchema.parse(await shieldCollector.collect(testContext()));
    assert.deepEqual(out, {
      subscriptionState: { ok: true, value: 'ACTIVE' },
      protections: { ok: true, value: [{ id: 'p1', name: 'alb', resourceArn: 'arn:a' }, { id: 'p2', name: null, resourceArn: 'arn:b' }] },
    });
  });

  it('does not list protections without a subscription', async () => {
    shield.on(GetSubscriptionStateCommand).resolves({ SubscriptionState: 'INACTIVE' });
    const out = shieldSchema.parse(await shieldCollector.collect(testContext()));
    assert.deepEqual(out.protections, { ok: true, value: null });
    assert.equal(shield.commandCalls(ListProtectionsCommand).length, 0);
  });

  it('records a refusal and an endpoint without Shield (HTML 404/500) as errors on both fields', async () => {
    shield.on(GetSubscriptionStateCommand).rejects(htmlServerError());
    const out = shieldSchema.parse(await shieldCollector.collect(testContext()));
    assert.equal(out.subscriptionState.ok === false && out.subscriptionState.error.code, 'Unsupported');
    assert.equal(out.protections.ok, false);
    shield.reset();
    shield.on(GetSubscriptionStateCommand).resolves({ SubscriptionState: 'ACTIVE' });
    shield.on(ListProtectionsCommand).rejects(awsError('AccessDeniedException', 'no', 403));
    const denied = shieldSchema.parse(await shieldCollector.collect(testContext()));
    assert.equal(denied.protections.ok === false && denied.protections.error.operation, 'shield:ListProtections');
  });
});
