// Unit tests for the SQS collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, testContext } from '../../collectors/regional/test-support.ts';
import { sqsCollector } from './collector.ts';

const sqs = mockClient(SQSClient);
const url = (n: string) => `https://sqs.eu-west-1.amazonaws.com/111111111111/${n}`;
const qarn = (n: string) => `arn:aws:sqs:eu-west-1:111111111111:${n}`;

describe('sqs collector', () => {
  beforeEach(() => sqs.reset());
  afterEach(() => sqs.reset());

  it('lists queues across pages and reads each policy', async () => {
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('a')], NextToken: 'n2' });
    sqs.on(ListQueuesCommand, { NextToken: 'n2' }).resolves({ QueueUrls: [url('b')] });
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: qarn('a') }] };
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('a') }).resolves({ Attributes: { QueueArn: qarn('a'), Policy: JSON.stringify(policy) } });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('b') }).resolves({ Attributes: { QueueArn: qarn('b') } });
    const out = assertSlice('sqs', await sqsCollector.collect(testContext()));
    assert.deepEqual(out.queues, {
      ok: true,
      value: [
        { url: url('a'), name: 'a', attributes: { ok: true, value: { arn: qarn('a'), policy } } },
        { url: url('b'), name: 'b', attributes: { ok: true, value: { arn: qarn('b'), policy: null } } },
      ],
    });
    assert.deepEqual(sqs.commandCalls(GetQueueAttributesCommand)[0]?.args[0].input.AttributeNames, ['QueueArn', 'Policy']);
  });

  it('records denied calls as data', async () => {
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: [url('a')] });
    sqs.on(GetQueueAttributesCommand).rejects(awsError('AccessDenied', 'no', 403));
    const out = assertSlice('sqs', await sqsCollector.collect(testContext()));
    assert.ok(out.queues.ok && !out.queues.value[0]!.attributes.ok);
    assert.equal(out.queues.value[0]!.attributes.error.operation, 'sqs:GetQueueAttributes');
    sqs.on(ListQueuesCommand).rejects(awsError('AccessDenied', 'no', 403));
    const denied = assertSlice('sqs', await sqsCollector.collect(testContext()));
    assert.ok(!denied.queues.ok);
    assert.equal(denied.queues.error.operation, 'sqs:ListQueues');
  });
});
