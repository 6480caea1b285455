// SQS collector (per Region): every queue (ListQueues, paginated) and one GetQueueAttributes per queue for its ARN
// and access policy — collected for the resource-policy checks, which judge them.
import { GetQueueAttributesCommand, paginateListQueues, SQSClient } from '@aws-sdk/client-sqs';
import { drain } from '../../collectors/collect.ts';
import { need, read, regionalClient } from '../../collectors/regional/shared.ts';
import { parsePolicyDocument } from '../../collectors/shape.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { ok } from '../../inventory/collected.ts';
import type { Queue, SqsSlice } from './schema.ts';

const OPS = { list: 'sqs:ListQueues', attributes: 'sqs:GetQueueAttributes' } as const;

export const sqsCollector: RegionalCollector<'sqs'> = {
  key: 'sqs',
  operations: Object.values(OPS),
  async collect(ctx): Promise<SqsSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, SQSClient);
    const urls = await read(OPS.list, region, () => limiter.run(() => drain(paginateListQueues({ client, pageSize: 1000 }, {}), (p) => p.QueueUrls)));
    if (!urls.ok) return { queues: urls };
    const queues = await Promise.all(
      urls.value.map(
        async (url): Promise<Queue> => ({
          url,
          name: url.slice(url.lastIndexOf('/') + 1),
          attributes: await read(OPS.attributes, region, () =>
            limiter.run(async () => {
              const a = (await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'Policy'] }))).Attributes ?? {};
              // no Policy attribute in the answer: the queue has no access policy
              return { arn: need(a.QueueArn, 'Attributes.QueueArn'), policy: parsePolicyDocument(a.Policy) };
            }),
          ),
        }),
      ),
    );
    return { queues: ok(queues) };
  },
};
