// Unit tests for the Security Hub collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DescribeHubCommand, GetEnabledStandardsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { securityhubCollector } from './securityhub.ts';
import { assertSlice, awsError, htmlServerError, testContext } from './test-support.ts';

const sh = mockClient(SecurityHubClient);
const HUB = 'arn:aws:securityhub:eu-west-1:111111111111:hub/default';

describe('securityhub collector', () => {
  beforeEach(() => sh.reset());
  afterEach(() => sh.reset());

  it('reads the hub and its enabled standards across pages', async () => {
    sh.on(DescribeHubCommand).resolves({ HubArn: HUB, SubscribedAt: '2025-01-01T00:00:00.000Z' });
    sh.on(GetEnabledStandardsCommand).resolves({
      StandardsSubscriptions: [
        { StandardsArn: 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0', StandardsStatus: 'READY', StandardsSubscriptionArn: 's1', StandardsInput: {} },
      ],
      NextToken: 'p2',
    });
    sh.on(GetEnabledStandardsCommand, { NextToken: 'p2' }).resolves({
      StandardsSubscriptions: [{ StandardsArn: 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0', StandardsStatus: 'INCOMPLETE', StandardsSubscriptionArn: 's2', StandardsInput: {} }],
    });
    const out = assertSlice('securityhub', await securityhubCollector.collect(testContext()));
    assert.deepEqual(out.hub, { ok: true, value: { hubArn: HUB, subscribedAt: '2025-01-01T00:00:00.000Z' } });
    assert.deepEqual(out.enabledStandards, {
      ok: true,
      value: [
        { standardsArn: 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0', status: 'READY' },
        { standardsArn: 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0', status: 'INCOMPLETE' },
      ],
    });
  });

  for (const [name, message] of [
    ['InvalidAccessException', 'Account 111111111111 is not subscribed to AWS Security Hub'],
    ['ResourceNotFoundException', 'Account 111111111111 is not subscribed to AWS Security Hub'],
  ] as const) {
    it(`maps ${name} "not subscribed" to hub null and no standards, without asking for them`, async () => {
      sh.on(DescribeHubCommand).rejects(awsError(name, message));
      const out = assertSlice('securityhub', await securityhubCollector.collect(testContext()));
      assert.deepEqual(out, { hub: { ok: true, value: null }, enabledStandards: { ok: true, value: [] } });
      assert.equal(sh.commandCalls(GetEnabledStandardsCommand).length, 0);
    });
  }

  it('does not read an InvalidAccessException that does not say "not subscribed" as "not enabled"', async () => {
    sh.on(DescribeHubCommand).rejects(awsError('InvalidAccessException', 'The account doesn\'t have permission to perform this action', 401));
    const out = assertSlice('securityhub', await securityhubCollector.collect(testContext()));
    assert.ok(!out.hub.ok, 'whether a hub exists is unknown');
    assert.equal(out.enabledStandards.ok, false);
  });

  it('does not read any other ResourceNotFoundException as "not enabled"', async () => {
    sh.on(DescribeHubCommand).rejects(awsError('ResourceNotFoundException', 'Hub arn:aws:securityhub:eu-west-1:1:hub/x not found'));
    const out = assertSlice('securityhub', await securityhubCollector.collect(testContext()));
    assert.equal(out.hub.ok, false);
  });

  it('records a denied DescribeHub and marks the standards as not collected', async () => {
    sh.on(DescribeHubCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const out = assertSlice('securityhub', await securityhubCollector.collect(testContext('eu-central-1')));
    assert.ok(!out.hub.ok && !out.enabledStandards.ok);
    assert.deepEqual(
      { code: out.hub.error.code, operation: out.hub.error.operation, region: out.hub.error.region },
      { code: 'AccessDenied', operation: 'securityhub:DescribeHub', region: 'eu-central-1' },
    );
    assert.equal(out.enabledStandards.error.code, 'NotCollected');
    assert.equal(out.enabledStandards.error.operation, 'securityhub:GetEnabledStandards');
    assert.equal(sh.commandCalls(GetEnabledStandardsCommand).length, 0);
  });

  it('records an unsupported GetEnabledStandards while keeping the hub', async () => {
    sh.on(DescribeHubCommand).resolves({ HubArn: HUB });
    sh.on(GetEnabledStandardsCommand).rejects(htmlServerError());
    const out = assertSlice('securityhub', await securityhubCollector.collect(testContext()));
    assert.deepEqual(out.hub, { ok: true, value: { hubArn: HUB, subscribedAt: null } });
    assert.ok(!out.enabledStandards.ok);
    assert.equal(out.enabledStandards.error.code, 'Unsupported');
    assert.equal(out.enabledStandards.error.operation, 'securityhub:GetEnabledStandards');
  });
});
