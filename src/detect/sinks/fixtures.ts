// A builder for alerts in sink and pipeline tests.
import type { Alert } from '../types.ts';

export function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    ruleId: 'det-cloudtrail-stop',
    title: 'CloudTrail logging stopped',
    severity: 'critical',
    summary: 'alice stopped logging of trail org-trail in 111122223333/us-east-1',
    eventTime: '2026-11-20T08:14:03Z',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    awsRegion: 'us-east-1',
    accountId: '111122223333',
    actor: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', userName: 'alice', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.22.4',
    errorCode: undefined,
    eventId: '9527f023-f6cf-49f1-b1cd-ff16eea631d2',
    requestId: '27cae1b9-fa71-4b6e-9aa0-bb6604b04f93',
    resources: ['arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail'],
    origin: { location: 'logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/x.json.gz', index: 3 },
    references: ['https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html'],
    ...overrides,
  };
}
