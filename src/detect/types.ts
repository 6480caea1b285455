// Shared types of the detection pipeline: CloudTrail records in, alerts out.
// Sources produce records, the engine turns them into alerts, sinks deliver alerts.

export type AlertSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const alertSeverityOrder: readonly AlertSeverity[] = ['info', 'low', 'medium', 'high', 'critical'];

/**
 * One CloudTrail record as CloudTrail writes it (the elements of a log file's `Records`).
 * Only the fields every record carries are typed; everything else is reached by dotted path.
 */
export interface CloudTrailRecord {
  eventVersion?: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion?: string;
  sourceIPAddress?: string;
  userAgent?: string;
  errorCode?: string;
  errorMessage?: string;
  eventID?: string;
  requestID?: string;
  eventType?: string;
  readOnly?: boolean;
  recipientAccountId?: string;
  userIdentity?: {
    type?: string;
    principalId?: string;
    arn?: string;
    accountId?: string;
    accessKeyId?: string;
    userName?: string;
    invokedBy?: string;
    [k: string]: unknown;
  };
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  resources?: Array<{ ARN?: string; accountId?: string; type?: string }>;
  [k: string]: unknown;
}

/** Where a record came from, for alert links and error messages. */
export interface RecordOrigin {
  /** e.g. `s3://bucket/AWSLogs/…/file.json.gz`, `./logs/x.json`, `lookup-events:eu-west-1`, `stdin` */
  location: string;
  /** 0-based index of the record inside its file/page, when known. */
  index?: number;
}

export interface Alert {
  ruleId: string;
  title: string;
  severity: AlertSeverity;
  /** One line a human reads first: who did what to which resource, where. */
  summary: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string | undefined;
  accountId: string | undefined;
  actor: {
    type: string | undefined;
    arn: string | undefined;
    userName: string | undefined;
    accessKeyId: string | undefined;
  };
  sourceIPAddress: string | undefined;
  userAgent: string | undefined;
  errorCode: string | undefined;
  eventId: string | undefined;
  requestId: string | undefined;
  /** ARNs / names of the resources the event touched, as CloudTrail recorded them. */
  resources: string[];
  origin: RecordOrigin | undefined;
  /** For threshold rules: how many matching events in the window, and the group key. */
  threshold?: { count: number; windowSeconds: number; groupKey: string; firstEventTime: string };
  /**
   * Why the rule fired, one fact per entry: the port and CIDR opened, the policy statement that opened access,
   * the account or principal added, the assumption a rule made. Never request values that could be secrets.
   */
  why?: string[];
  /** Rule ids of the other alerts the same event raised (one incident, several rules). */
  related?: string[];
  /** What to do next (the rule's `nextStep`). */
  nextStep?: string;
  /** Rule references (runbooks, docs). */
  references: string[];
}
