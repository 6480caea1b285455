import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetObjectCommand, ListObjectsV2Command, S3Client, type ListObjectsV2CommandInput } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { CredentialsError } from '../../core/errors.ts';
import { S3Source } from './s3.ts';
import { ctEvent, gzLogFile, stopLogging, trailKey } from './fixtures.ts';
import { fileTimeFromKey, parseS3Url, splitPrefix } from './s3-layout.ts';
import type { RecordBatch } from './types.ts';

/** An in-memory bucket that answers ListObjectsV2 like S3 does (prefix, delimiter, start-after, pages of `pageSize`). */
function fakeBucket(objects: Map<string, Buffer>, pageSize = 2) {
  const s3 = mockClient(S3Client);
  const lists: ListObjectsV2CommandInput[] = [];
  s3.on(ListObjectsV2Command).callsFake((input: ListObjectsV2CommandInput) => {
    lists.push(input);
    const prefix = input.Prefix ?? '';
    const after = input.ContinuationToken ?? input.StartAfter ?? '';
    const keys = [...objects.keys()].sort().filter((k) => k.startsWith(prefix) && k > after);
    const entries: Array<{ key: string; isPrefix: boolean }> = [];
    const prefixes = new Set<string>();
    for (const k of keys) {
      if (input.Delimiter) {
        const i = k.indexOf(input.Delimiter, prefix.length);
        if (i !== -1) {
          const p = k.slice(0, i + 1);
          if (!prefixes.has(p)) {
            prefixes.add(p);
            entries.push({ key: p, isPrefix: true });
          }
          continue;
        }
      }
      entries.push({ key: k, isPrefix: false });
    }
    const page = entries.slice(0, pageSize);
    const truncated = entries.length > pageSize;
    const last = page[page.length - 1];
    // Continuation past a common prefix must skip the whole prefix.
    const token = last ? (last.isPrefix ? `${last.key}\uffff` : last.key) : undefined;
    return {
      Contents: page.filter((e) => !e.isPrefix).map((e) => ({ Key: e.key })),
      CommonPrefixes: page.filter((e) => e.isPrefix).map((e) => ({ Prefix: e.key })),
      IsTruncated: truncated,
      NextContinuationToken: truncated ? token : undefined,
    };
  });
  const gets: string[] = [];
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    gets.push(input.Key);
    const body = objects.get(input.Key);
    if (!body) throw Object.assign(new Error('no such key'), { name: 'NoSuchKey' });
    return { Body: { transformToByteArray: async () => new Uint8Array(body) } };
  });
  return { client: s3 as unknown as { send: S3Client['send'] } & S3Client, mock: s3, lists, gets };
}

async function collect(src: S3Source, signal = new AbortController().signal): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const b of src.batches(signal)) out.push(b);
  return out;
}

const ACCT = '111122223333';
const OTHER = '444455556666';

function layout(orgId?: string) {
  const objects = new Map<string, Buffer>();
  const add = (account: string, region: string, iso: string, id: string, records: unknown[]) =>
    objects.set(`trail-prefix/${trailKey(account, region, new Date(iso), id, orgId)}`, gzLogFile(records));
  add(ACCT, 'us-east-1', '2026-11-18T23:55:00Z', 'old', [ctEvent()]); // before the range
  add(ACCT, 'us-east-1', '2026-11-19T10:05:00Z', 'a', [ctEvent(), ctEvent()]);
  add(ACCT, 'us-east-1', '2026-11-19T10:10:00Z', 'b', [stopLogging()]);
  add(ACCT, 'us-east-1', '2026-11-20T09:00:00Z', 'c', [ctEvent()]);
  add(ACCT, 'eu-west-1', '2026-11-19T11:00:00Z', 'd', [ctEvent()]);
  add(OTHER, 'us-east-1', '2026-11-19T12:00:00Z', 'e', [ctEvent()]);
  add(ACCT, 'us-east-1', '2026-11-22T09:00:00Z', 'late', [ctEvent()]); // after the range
  // Not CloudTrail logs: must be skipped without a GET.
  objects.set(`trail-prefix/AWSLogs/${orgId ? `${orgId}/` : ''}${ACCT}/CloudTrail-Digest/us-east-1/2026/11/19/x.json.gz`, Buffer.from('{}'));
  return objects;
}

test('parses s3 URLs and key layouts', () => {
  assert.deepEqual(parseS3Url('s3://bucket/a/b/'), { bucket: 'bucket', prefix: 'a/b/' });
  assert.deepEqual(parseS3Url('s3://bucket'), { bucket: 'bucket', prefix: '' });
  assert.equal(parseS3Url('https://x'), undefined);
  assert.deepEqual(splitPrefix('p/AWSLogs/o-abc1234567/111122223333/'), { base: 'p/', fixed: ['o-abc1234567', '111122223333'] });
  assert.deepEqual(splitPrefix('p'), { base: 'p/', fixed: [] });
  assert.deepEqual(splitPrefix(''), { base: '', fixed: [] });
  assert.equal(fileTimeFromKey('x/111122223333_CloudTrail_us-east-1_20261119T1005Z_abc.json.gz')?.toISOString(), '2026-11-19T10:05:00.000Z');
});

for (const orgId of [undefined, 'o-a1b2c3d4e5']) {
  test(`lists only the days in range, paginates, filters by account and Region (${orgId ? 'organization' : 'account'} trail layout)`, async () => {
    const { client, lists, gets } = fakeBucket(layout(orgId), 1);
    const src = new S3Source({
      client,
      bucket: 'org-trail',
      prefix: 'trail-prefix/',
      since: new Date('2026-11-19T00:00:00Z'),
      until: new Date('2026-11-20T23:59:59Z'),
      regions: ['us-east-1'],
      accounts: [ACCT],
    });
    const batches = await collect(src);
    const names = gets.map((k) => k.split('_').at(-1));
    assert.deepEqual(names, ['a.json.gz', 'b.json.gz', 'c.json.gz']);
    assert.equal(batches.flatMap((b) => b.records).length, 4);
    assert.ok(batches.every((b) => b.location.startsWith('s3://org-trail/trail-prefix/AWSLogs/')));
    // Pruning: object listings are per day prefix (19th, 20th and the 21st for late delivery), never the whole bucket.
    const dayLists = lists.filter((l) => !l.Delimiter).map((l) => l.Prefix?.split('/CloudTrail/')[1]);
    assert.ok(dayLists.every((p) => /^us-east-1\/2026\/11\/(19|20|21)\/$/.test(p ?? '')), JSON.stringify(dayLists));
    assert.ok(!lists.some((l) => l.Prefix?.includes('/2026/11/18/')));
    // Pagination was exercised (page size 2).
    assert.ok(lists.some((l) => l.ContinuationToken));
  });
}

test('a prefix that already names the account and Region skips discovery', async () => {
  const { client, lists, gets } = fakeBucket(layout());
  const src = new S3Source({
    client,
    bucket: 'org-trail',
    prefix: `trail-prefix/AWSLogs/${ACCT}/CloudTrail/eu-west-1/`,
    since: new Date('2026-11-19T00:00:00Z'),
    until: new Date('2026-11-19T23:00:00Z'),
  });
  await collect(src);
  assert.deepEqual(gets.map((k) => k.split('_').at(-1)), ['d.json.gz']);
  assert.ok(lists.every((l) => !l.Delimiter));
});

test('follow mode re-lists after the last key seen', async () => {
  const objects = layout();
  const { client, mock, gets } = fakeBucket(objects);
  let now = new Date('2026-11-20T10:00:00Z');
  const src = new S3Source({
    client,
    bucket: 'org-trail',
    prefix: 'trail-prefix/',
    since: new Date('2026-11-20T00:00:00Z'),
    regions: ['us-east-1'],
    accounts: [ACCT],
    follow: true,
    pollIntervalMs: 5,
    now: () => now,
  });
  const ac = new AbortController();
  const seen: string[] = [];
  for await (const b of src.batches(ac.signal)) {
    seen.push(b.location.split('_').at(-1) ?? '');
    if (seen.length === 1) {
      objects.set(`trail-prefix/${trailKey(ACCT, 'us-east-1', new Date('2026-11-20T10:05:00Z'), 'new', undefined)}`, gzLogFile([stopLogging()]));
      now = new Date('2026-11-20T10:06:00Z');
    }
    if (seen.length === 2) ac.abort();
  }
  assert.deepEqual(seen, ['c.json.gz', 'new.json.gz']);
  const followLists = mock.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input).filter((i) => i.StartAfter);
  assert.ok(followLists.some((i) => i.StartAfter?.endsWith('c.json.gz')), 'resumes after the last key');
  assert.equal(gets.filter((k) => k.endsWith('c.json.gz')).length, 1, 'no object is read twice');
});

test('AccessDenied on ListBucket becomes a CredentialsError naming the action and bucket', async () => {
  const s3 = mockClient(S3Client);
  s3.on(ListObjectsV2Command).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
  const src = new S3Source({ client: s3 as unknown as S3Client, bucket: 'org-trail', prefix: '', since: new Date('2026-11-19T00:00:00Z') });
  await assert.rejects(collect(src), (e: unknown) => e instanceof CredentialsError && /s3:ListBucket on bucket org-trail/.test(e.message));
});

test('missing credentials become a CredentialsError with the login hint', async () => {
  const s3 = mockClient(S3Client);
  s3.on(ListObjectsV2Command).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
  const src = new S3Source({ client: s3 as unknown as S3Client, bucket: 'b', prefix: '', since: new Date(), profile: 'audit' });
  await assert.rejects(collect(src), (e: unknown) => e instanceof CredentialsError && /aws sso login --profile audit/.test(e.hint ?? ''));
});
