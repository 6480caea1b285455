// OCSF 1.6.0 Detection Findings (class 2004, cloud profile) for `rampart detect --format ocsf`: one finding per
// alert, one JSON object per line, so the output streams to a SIEM or Security Lake as alerts are raised.
import type { AlertSink, RunSummary, SuppressionNotice } from '../detect/sinks/types.ts';
import { writeText } from '../detect/sinks/stream.ts';
import type { Alert } from '../detect/types.ts';
import { ACTIVITY_CREATE, epochMs, FINDINGS_CATEGORY, ocsfClass, ocsfMetadata, ocsfSeverity } from './ocsf-common.ts';

/** The CloudTrail identity as an OCSF user, or nothing when the record named no one (anyOf needs a field). */
function actorOf(alert: Alert) {
  const a = alert.actor;
  if (!a.arn && !a.userName && !a.accessKeyId) return undefined;
  const user = {
    ...(a.arn ? { uid: a.arn } : {}),
    ...(a.userName ? { name: a.userName } : {}),
    ...(a.type ? { type: a.type } : {}),
    ...(a.accessKeyId ? { credential_uid: a.accessKeyId } : {}),
    ...(alert.accountId ? { account: { uid: alert.accountId, type_id: 10, type: 'AWS Account' } } : {}),
  };
  // an identity with only an access key id still needs name, uid or account to be a valid OCSF user
  if (!user.uid && !user.name && !user.account) return undefined;
  return { user };
}

export function toOcsfDetectionFinding(alert: Alert) {
  const time = epochMs(alert.eventTime);
  const actor = actorOf(alert);
  const api = {
    operation: alert.eventName,
    service: { name: alert.eventSource },
    ...(alert.requestId ? { request: { uid: alert.requestId } } : {}),
    ...(alert.errorCode ? { response: { error: alert.errorCode } } : {}),
  };
  const firstSeen = alert.threshold ? epochMs(alert.threshold.firstEventTime) : time;
  return {
    ...ACTIVITY_CREATE,
    ...FINDINGS_CATEGORY,
    ...ocsfClass(2004, 'Detection Finding'),
    ...ocsfSeverity[alert.severity],
    status_id: 1,
    status: 'New',
    is_alert: true,
    time,
    message: alert.summary,
    ...(alert.threshold ? { count: alert.threshold.count } : {}),
    metadata: ocsfMetadata(),
    cloud: {
      provider: 'AWS',
      ...(alert.awsRegion ? { region: alert.awsRegion } : {}),
      ...(alert.accountId ? { account: { uid: alert.accountId, type_id: 10, type: 'AWS Account' } } : {}),
    },
    finding_info: {
      uid: `${alert.ruleId}:${alert.eventId ?? alert.requestId ?? `${alert.eventTime}:${alert.eventName}`}`,
      title: alert.title,
      desc: alert.summary,
      analytic: { type_id: 1, type: 'Rule', uid: alert.ruleId, name: alert.ruleId },
      types: [alert.ruleId],
      created_time: time,
      first_seen_time: firstSeen,
      last_seen_time: time,
      data_sources: ['AWS CloudTrail'],
    },
    api,
    // the class has no top-level actor: who did it is evidence
    evidences: [{ api, ...(actor ? { actor } : {}), ...(alert.sourceIPAddress ? { src_endpoint: endpointOf(alert.sourceIPAddress) } : {}) }],
    ...(alert.resources.length > 0 ? { resources: alert.resources.map((uid) => ({ uid })) } : {}),
    unmapped: {
      ...(alert.userAgent ? { user_agent: alert.userAgent } : {}),
      ...(alert.eventId ? { cloudtrail_event_id: alert.eventId } : {}),
      ...(alert.origin ? { origin: alert.origin } : {}),
      ...(alert.threshold ? { threshold: alert.threshold } : {}),
      ...(alert.references.length > 0 ? { references: alert.references } : {}),
    },
  };
}

/** CloudTrail's sourceIPAddress is an IP, or a service name (e.g. `s3.amazonaws.com`) when AWS acted. */
function endpointOf(source: string): { ip: string } | { svc_name: string } {
  return /^[\d.]+$|:/.test(source) ? { ip: source } : { svc_name: source };
}

export class OcsfDetectionSink implements AlertSink {
  readonly name = 'ocsf';
  private readonly out: NodeJS.WritableStream;
  constructor(out: NodeJS.WritableStream) {
    this.out = out;
  }
  send(alert: Alert): Promise<void> {
    return writeText(this.out, `${JSON.stringify(toOcsfDetectionFinding(alert))}\n`);
  }
  // like the JSON lines sink: notices would break "one finding per line"; the run reports them on stderr
  async notice(_n: SuppressionNotice): Promise<void> {}
  async close(_summary: RunSummary): Promise<void> {}
}
