// Test and demo data for the SQS slice.
import { ok } from '../../inventory/collected.ts';
import type { Queue, SqsSlice } from './schema.ts';

export function emptySqs(): SqsSlice {
  return { queues: ok([]) };
}

/** A queue without an access policy unless one is given. */
export function queue(name: string, policy: unknown = null, region = 'us-east-1', account = '111111111111'): Queue {
  return {
    url: `https://sqs.${region}.amazonaws.com/${account}/${name}`,
    name,
    attributes: ok({ arn: `arn:aws:sqs:${region}:${account}:${name}`, policy }),
  };
}
