// Reads management events of the last 90 days through CloudTrail's LookupEvents API, one Region at a time
// per 2-calls-per-second limit (Regions run side by side). `follow` polls with a moving start time.
import { LookupEventsCommand, type CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { jsonErrorReason, MAX_PROBLEMS_PER_LOCATION } from './decode.ts';
import { mapAwsError } from './aws.ts';
import { mergeAsync, PacingGate, sleep } from './concurrency.ts';
import type { RecordBatch, RecordSource } from './types.ts';

/** LookupEvents allows 2 requests per second per account and Region. */
const LOOKUP_INTERVAL_MS = 500;
/** Events show up in LookupEvents up to ~15 minutes after they happen; each poll looks back this far again. */
const FOLLOW_OVERLAP_MS = 20 * 60_000;

export interface LookupSourceOptions {
  /** One client per Region (the API is regional). */
  clientFor: (region: string) => CloudTrailClient;
  regions: string[];
  since: Date;
  until?: Date;
  follow?: boolean;
  pollIntervalMs?: number;
  /** Minimum spacing of calls per Region; tests pass 0. */
  minIntervalMs?: number;
  profile?: string;
  now?: () => Date;
}

export class LookupEventsSource implements RecordSource {
  readonly name = 'lookup-events';
  private readonly o: LookupSourceOptions;
  private readonly now: () => Date;
  constructor(opts: LookupSourceOptions) {
    this.o = opts;
    this.now = opts.now ?? (() => new Date());
  }

  batches(signal: AbortSignal): AsyncIterable<RecordBatch> {
    return mergeAsync(this.o.regions.map((r) => this.region(r, signal)));
  }

  private async *region(region: string, signal: AbortSignal): AsyncGenerator<RecordBatch> {
    const gate = new PacingGate(this.o.minIntervalMs ?? LOOKUP_INTERVAL_MS, () => Date.now());
    const client = this.o.clientFor(region);
    // Event ids already delivered, with their time, so overlapping polls do not repeat events.
    const seen = new Map<string, number>();
    let start = this.o.since;
    let end = this.o.until ?? this.now();
    let newest = start.getTime();
    for (;;) {
      let token: string | undefined;
      let index = 0;
      do {
        if (signal.aborted) return;
        await gate.wait(signal);
        if (signal.aborted) return;
        let page;
        try {
          page = await client.send(new LookupEventsCommand({ StartTime: start, EndTime: end, MaxResults: 50, NextToken: token }));
        } catch (e) {
          throw mapAwsError(e, { action: 'cloudtrail:LookupEvents', resource: `Region ${region}`, ...(this.o.profile ? { profile: this.o.profile } : {}) });
        }
        const batch: RecordBatch = { location: `lookup-events:${region}`, records: [], startIndex: index, problems: [], droppedCount: 0 };
        for (const ev of page.Events ?? []) {
          index++;
          const t = ev.EventTime?.getTime();
          if (this.o.follow && ev.EventId) {
            if (seen.has(ev.EventId)) continue;
            seen.set(ev.EventId, t ?? Date.now());
          }
          if (t !== undefined && t > newest) newest = t;
          parseCloudTrailEvent(ev.CloudTrailEvent, ev.EventId, batch);
        }
        if (batch.records.length > 0 || batch.droppedCount > 0) yield batch;
        token = page.NextToken;
      } while (token);
      if (!this.o.follow) return;
      await sleep(this.o.pollIntervalMs ?? 60_000, signal);
      if (signal.aborted) return;
      start = new Date(Math.max(this.o.since.getTime(), newest - FOLLOW_OVERLAP_MS));
      end = this.now();
      // Only ids inside the look-back window can come back; forget the rest so memory stays bounded.
      for (const [id, t] of seen) if (t < start.getTime()) seen.delete(id);
    }
  }
}

/** The API returns each record as a JSON string in `CloudTrailEvent`. */
export function parseCloudTrailEvent(json: string | undefined, eventId: string | undefined, batch: RecordBatch): void {
  const fail = (why: string) => {
    batch.droppedCount++;
    if (batch.problems.length < MAX_PROBLEMS_PER_LOCATION) batch.problems.push(`event ${eventId ?? '(no id)'}: ${why}`);
  };
  if (json === undefined) return fail('no CloudTrailEvent field');
  try {
    batch.records.push(JSON.parse(json));
  } catch (e) {
    fail(`malformed CloudTrailEvent JSON: ${jsonErrorReason(e)}`);
  }
}
