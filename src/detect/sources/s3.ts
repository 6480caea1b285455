// Reads CloudTrail log files from S3 (a trail's or the organization trail's bucket) for a time range,
// listing only the account/Region/day prefixes that can hold it; `follow` re-lists after the last key seen.
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { decodeBytes, problemBatch } from './decode.ts';
import { isPerObjectError, mapAwsError } from './aws.ts';
import { mapOrdered, sleep } from './concurrency.ts';
import { ACCOUNT_ID, fileTimeFromKey, ORG_ID, splitPrefix } from './s3-layout.ts';
import { dayPath, daysInRange } from './time-range.ts';
import type { RecordBatch, RecordSource } from './types.ts';

/** CloudTrail delivers a file some minutes after its events; files written this long after `until` may still hold events before it. */
const DELIVERY_SLACK_MS = 60 * 60_000;

export interface S3SourceOptions {
  client: S3Client;
  bucket: string;
  prefix: string;
  since: Date;
  /** Defaults to now (and, in follow mode, keeps moving). */
  until?: Date;
  accounts?: string[];
  regions?: string[];
  follow?: boolean;
  pollIntervalMs?: number;
  /** Parallel GETs; objects are still handed on in key order. */
  concurrency?: number;
  profile?: string;
  now?: () => Date;
}

interface TrailRoot {
  /** `…/AWSLogs/[o-x/]<account>/CloudTrail/<region>/` */
  prefix: string;
  account: string;
  region: string;
}

export class S3Source implements RecordSource {
  readonly name: string;
  private readonly o: S3SourceOptions;
  private readonly now: () => Date;
  /** Last key read per trail root, where follow mode resumes. */
  private readonly lastKey = new Map<string, string>();

  constructor(opts: S3SourceOptions) {
    this.o = opts;
    this.now = opts.now ?? (() => new Date());
    this.name = `s3://${opts.bucket}/${opts.prefix}`;
  }

  async *batches(signal: AbortSignal): AsyncGenerator<RecordBatch> {
    const until = this.o.until ?? this.now();
    yield* this.readKeys(this.initialKeys(until, signal), signal);
    if (!this.o.follow) return;
    while (!signal.aborted) {
      await sleep(this.o.pollIntervalMs ?? 60_000, signal);
      if (signal.aborted) return;
      yield* this.readKeys(this.newKeys(signal), signal);
    }
  }

  private async *readKeys(keys: AsyncIterable<string>, signal: AbortSignal): AsyncGenerator<RecordBatch> {
    for await (const batch of mapOrdered(keys, this.o.concurrency ?? 8, (k) => this.get(k))) {
      yield batch;
      if (signal.aborted) return;
    }
  }

  /** Day-major order (every root for day 1, then day 2…) keeps events roughly in time order across accounts. */
  private async *initialKeys(until: Date, signal: AbortSignal): AsyncGenerator<string> {
    const roots = await this.roots();
    const lastDay = new Date(until.getTime() + DELIVERY_SLACK_MS);
    const sinceMs = this.o.since.getTime();
    for (const day of daysInRange(this.o.since, lastDay)) {
      for (const root of roots) {
        for await (const key of this.listKeys(`${root.prefix}${day}/`)) {
          if (signal.aborted) return;
          this.lastKey.set(root.prefix, key);
          const t = fileTimeFromKey(key);
          // A file written before `since` only holds older events; one written long after `until` only newer ones.
          if (t && (t.getTime() < sinceMs || t.getTime() > lastDay.getTime())) continue;
          yield key;
        }
      }
    }
  }

  /** Follow mode: everything after the last key seen in each root (roots are re-discovered: new accounts/Regions join). */
  private async *newKeys(signal: AbortSignal): AsyncGenerator<string> {
    for (const root of await this.roots()) {
      const after = this.lastKey.get(root.prefix) ?? `${root.prefix}${dayPath(this.o.since)}/`;
      for await (const key of this.listKeys(root.prefix, after)) {
        if (signal.aborted) return;
        this.lastKey.set(root.prefix, key);
        yield key;
      }
    }
  }

  private async roots(): Promise<TrailRoot[]> {
    const { base, fixed } = splitPrefix(this.o.prefix);
    const logs = `${base}AWSLogs/`;
    const out: TrailRoot[] = [];
    const wantAccount = (a: string) => !this.o.accounts || this.o.accounts.length === 0 || this.o.accounts.includes(a);
    const wantRegion = (r: string) => !this.o.regions || this.o.regions.length === 0 || this.o.regions.includes(r);
    const level = async (prefix: string, given: string | undefined) => (given !== undefined ? [given] : this.listPrefixes(prefix));

    for (const first of await level(logs, fixed[0])) {
      // Organization trails add the org id level; the rest of the path is the same.
      const isOrg = ORG_ID.test(first);
      const shift = isOrg ? 1 : 0;
      const accounts = isOrg ? await level(`${logs}${first}/`, fixed[1]) : [first];
      for (const account of accounts) {
        if (!ACCOUNT_ID.test(account) || !wantAccount(account)) continue;
        const accountPrefix = `${logs}${isOrg ? `${first}/` : ''}${account}/`;
        const service = fixed[1 + shift];
        if (service !== undefined && service !== 'CloudTrail') continue;
        const trailPrefix = `${accountPrefix}CloudTrail/`;
        for (const region of await level(trailPrefix, fixed[2 + shift])) {
          if (wantRegion(region)) out.push({ prefix: `${trailPrefix}${region}/`, account, region });
        }
      }
    }
    return out;
  }

  /** Child "folder" names under a prefix (ListObjectsV2 with a delimiter), all pages. */
  private async listPrefixes(prefix: string): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.list({ Prefix: prefix, Delimiter: '/', ContinuationToken: token });
      for (const cp of page.CommonPrefixes ?? []) {
        const name = cp.Prefix?.slice(prefix.length).replace(/\/$/, '');
        if (name) names.push(name);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names;
  }

  private async *listKeys(prefix: string, startAfter?: string): AsyncGenerator<string> {
    let token: string | undefined;
    do {
      const page = await this.list({ Prefix: prefix, ContinuationToken: token, ...(token ? {} : startAfter ? { StartAfter: startAfter } : {}) });
      for (const obj of page.Contents ?? []) {
        if (obj.Key && !obj.Key.endsWith('/')) yield obj.Key;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private async list(input: { Prefix: string; Delimiter?: string; ContinuationToken: string | undefined; StartAfter?: string }) {
    try {
      return await this.o.client.send(new ListObjectsV2Command({ Bucket: this.o.bucket, ...input }));
    } catch (e) {
      throw mapAwsError(e, { action: 's3:ListBucket', resource: `bucket ${this.o.bucket} (prefix ${input.Prefix})`, ...this.profile() });
    }
  }

  private async get(key: string): Promise<RecordBatch> {
    const location = `s3://${this.o.bucket}/${key}`;
    let bytes: Uint8Array;
    try {
      const out = await this.o.client.send(new GetObjectCommand({ Bucket: this.o.bucket, Key: key }));
      if (!out.Body) return problemBatch(location, 'empty object body');
      bytes = await out.Body.transformToByteArray();
    } catch (e) {
      if (isPerObjectError(e)) return problemBatch(location, `unreadable object: ${e instanceof Error ? e.name : String(e)}`);
      throw mapAwsError(e, { action: 's3:GetObject (and kms:Decrypt if the bucket uses SSE-KMS)', resource: location, ...this.profile() });
    }
    return decodeBytes(location, bytes);
  }

  private profile(): { profile?: string } {
    return this.o.profile ? { profile: this.o.profile } : {};
  }
}
