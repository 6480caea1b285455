// Builders for realistic CloudTrail records and files in CloudTrail's S3 layout; used by tests, the e2e test and the bench.
import { gzipSync } from 'node:zlib';
import type { CloudTrailRecord } from '../types.ts';

let seq = 0;
function uuid(n: number): string {
  const h = (n >>> 0).toString(16).padStart(8, '0');
  return `${h}-1a2b-4c3d-8e9f-${h}0a0b0c0d`.slice(0, 36);
}

export interface EventOptions {
  account?: string;
  region?: string;
  time?: string;
  user?: string;
  sourceIp?: string;
}

/** A benign read-only call by an IAM user; spread overrides on top for the scenario you need. */
export function ctEvent(overrides: Partial<CloudTrailRecord> = {}, o: EventOptions = {}): CloudTrailRecord {
  const account = o.account ?? '111122223333';
  const user = o.user ?? 'alice';
  const n = ++seq;
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDACKCEVSQ6C2EXAMPLE',
      arn: `arn:aws:iam::${account}:user/${user}`,
      accountId: account,
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      userName: user,
    },
    eventTime: o.time ?? '2026-11-20T08:14:03Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'ListBuckets',
    awsRegion: o.region ?? 'us-east-1',
    sourceIPAddress: o.sourceIp ?? '203.0.113.10',
    userAgent: 'aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.1 os/linux#6.8.0-49-generic md/arch#x86_64 lang/python#3.12.7',
    requestParameters: null,
    responseElements: null,
    requestID: uuid(n * 7919),
    eventID: uuid(n),
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: 'Management',
    ...overrides,
  };
}

export function stopLogging(o: EventOptions = {}): CloudTrailRecord {
  const account = o.account ?? '111122223333';
  return ctEvent(
    {
      eventSource: 'cloudtrail.amazonaws.com',
      eventName: 'StopLogging',
      readOnly: false,
      requestParameters: { name: `arn:aws:cloudtrail:us-east-1:${account}:trail/org-trail` },
    },
    o,
  );
}

export function rootConsoleLogin(o: EventOptions = {}): CloudTrailRecord {
  const account = o.account ?? '111122223333';
  return ctEvent(
    {
      userIdentity: { type: 'Root', principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account, accessKeyId: '' },
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      eventType: 'AwsConsoleSignIn',
      readOnly: false,
      responseElements: { ConsoleLogin: 'Success' },
      additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: 'No' },
    },
    o,
  );
}

/** `AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/<acct>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json.gz` */
export function trailKey(account: string, region: string, time: Date, id: string, orgId?: string): string {
  const iso = time.toISOString();
  const day = `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`;
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
  return `AWSLogs/${orgId ? `${orgId}/` : ''}${account}/CloudTrail/${region}/${day}/${account}_CloudTrail_${region}_${stamp}_${id}.json.gz`;
}

/** A gzip CloudTrail log file as CloudTrail writes it. */
export function gzLogFile(records: unknown[]): Buffer {
  return gzipSync(JSON.stringify({ Records: records }));
}
