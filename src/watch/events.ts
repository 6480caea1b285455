// What invoked the watcher: S3 ObjectCreated notifications (direct, or wrapped in SNS), EventBridge "Object
// Created" events from the trail bucket, or EventBridge CloudTrail events carrying the record itself.
import { z } from 'zod';
import type { CloudTrailRecord } from '../detect/types.ts';

export interface LogObject {
  bucket: string;
  key: string;
}

export interface WatchInput {
  objects: LogObject[];
  /** CloudTrail records delivered inside the event (EventBridge `AWS API Call via CloudTrail`). */
  records: CloudTrailRecord[];
}

const s3Record = z.looseObject({
  eventSource: z.literal('aws:s3'),
  eventName: z.string(),
  s3: z.looseObject({ bucket: z.looseObject({ name: z.string() }), object: z.looseObject({ key: z.string() }) }),
});
const snsRecord = z.looseObject({ EventSource: z.literal('aws:sns'), Sns: z.looseObject({ Message: z.string() }) });
const s3Notification = z.looseObject({ Records: z.array(z.unknown()) });
const eventBridgeObject = z.looseObject({
  source: z.literal('aws.s3'),
  'detail-type': z.literal('Object Created'),
  detail: z.looseObject({ bucket: z.looseObject({ name: z.string() }), object: z.looseObject({ key: z.string() }) }),
});
const eventBridgeCloudTrail = z.looseObject({
  'detail-type': z.string().regex(/via CloudTrail$/),
  detail: z.looseObject({ eventSource: z.string(), eventName: z.string() }),
});

/** S3 notifications URL-encode keys (a space is `+`). */
function notificationKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** The log objects a trail writes; digests and the S3 test event are not logs. */
function isLogKey(key: string): boolean {
  return !key.includes('/CloudTrail-Digest/') && !key.endsWith('/') && /\.json(\.gz)?$/.test(key);
}

export class UnknownEventError extends Error {}

export function parseWatchEvent(event: unknown): WatchInput {
  const out: WatchInput = { objects: [], records: [] };
  const addObject = (bucket: string, key: string): void => {
    if (isLogKey(key)) out.objects.push({ bucket, key });
  };
  const eb = eventBridgeObject.safeParse(event);
  if (eb.success) {
    addObject(eb.data.detail.bucket.name, eb.data.detail.object.key);
    return out;
  }
  const ct = eventBridgeCloudTrail.safeParse(event);
  if (ct.success) {
    out.records.push(ct.data.detail as unknown as CloudTrailRecord);
    return out;
  }
  const n = s3Notification.safeParse(event);
  if (n.success) {
    for (const r of n.data.Records) {
      const s3 = s3Record.safeParse(r);
      if (s3.success) {
        if (s3.data.eventName.startsWith('ObjectCreated:')) addObject(s3.data.s3.bucket.name, notificationKey(s3.data.s3.object.key));
        continue;
      }
      const sns = snsRecord.safeParse(r);
      if (sns.success) {
        let inner: unknown;
        try {
          inner = JSON.parse(sns.data.Sns.Message);
        } catch {
          throw new UnknownEventError('an SNS message is not JSON (expected an S3 event notification)');
        }
        const nested = parseWatchEvent(inner);
        out.objects.push(...nested.objects);
        out.records.push(...nested.records);
        continue;
      }
      throw new UnknownEventError('a record is neither an S3 notification nor an SNS message');
    }
    return out;
  }
  // S3 sends `{"Event":"s3:TestEvent"}` when a notification is configured: nothing to read.
  if (typeof event === 'object' && event !== null && (event as Record<string, unknown>).Event === 's3:TestEvent') return out;
  throw new UnknownEventError('unrecognised event: expected an S3 ObjectCreated notification, SNS-wrapped S3 notification, or EventBridge event');
}
