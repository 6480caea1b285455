// Names of AWS calls in IAM-action spelling (`s3:ListAllMyBuckets`), derived from SDK client classes and command names.
// The ledger, collectors' declared operations and `rampart iam-policy` must agree on these names, so they live here.

/** IAM service prefix per SDK client class, where it is not simply the class name without `Client`, lower-cased. */
const servicePrefix: Record<string, string> = {
  S3ControlClient: 's3',
  ConfigServiceClient: 'config',
  AccessAnalyzerClient: 'access-analyzer',
  CloudTrailClient: 'cloudtrail',
  OrganizationsClient: 'organizations',
  SecurityHubClient: 'securityhub',
  GuardDutyClient: 'guardduty',
  // OpenSearch Service keeps the Elasticsearch Service prefix in IAM
  OpenSearchClient: 'es',
  SSOAdminClient: 'sso',
  CloudWatchLogsClient: 'logs',
  EventBridgeClient: 'events',
  ResourceGroupsTaggingAPIClient: 'tag',
  ElasticLoadBalancingV2Client: 'elasticloadbalancing',
  APIGatewayClient: 'apigateway',
  ApiGatewayV2Client: 'apigateway',
  WAFV2Client: 'wafv2',
  FMSClient: 'fms',
  NetworkFirewallClient: 'network-firewall',
  ResourceExplorer2Client: 'resource-explorer-2',
  EFSClient: 'elasticfilesystem',
};

/**
 * API operations whose IAM action has another name: S3 and S3 Control rename theirs (the two GetPublicAccessBlock
 * calls, bucket vs account, are told apart by client class); Access Analyzer's V2 finding calls are authorized by
 * the V1 actions; API Gateway's management API (REST and v2) is authorised by HTTP verb, so every read is
 * `apigateway:GET`.
 */
const renamedActions: Record<string, Record<string, string>> = {
  S3Client: {
    ListBuckets: 'ListAllMyBuckets',
    GetBucketEncryption: 'GetEncryptionConfiguration',
    PutBucketEncryption: 'PutEncryptionConfiguration',
    GetPublicAccessBlock: 'GetBucketPublicAccessBlock',
    PutPublicAccessBlock: 'PutBucketPublicAccessBlock',
    DeletePublicAccessBlock: 'DeleteBucketPublicAccessBlock',
    GetBucketLifecycleConfiguration: 'GetLifecycleConfiguration',
    GetBucketReplication: 'GetReplicationConfiguration',
    GetBucketLogging: 'GetBucketLogging',
    GetObjectLockConfiguration: 'GetBucketObjectLockConfiguration',
    GetBucketNotificationConfiguration: 'GetBucketNotification',
    HeadBucket: 'ListBucket',
    ListObjectsV2: 'ListBucket',
  },
  AccessAnalyzerClient: {
    ListFindingsV2: 'ListFindings',
    GetFindingV2: 'GetFinding',
  },
  APIGatewayClient: { GetRestApis: 'GET', GetStages: 'GET' },
  ApiGatewayV2Client: { GetApis: 'GET', GetStages: 'GET' },
  S3ControlClient: {
    GetPublicAccessBlock: 'GetAccountPublicAccessBlock',
    PutPublicAccessBlock: 'PutAccountPublicAccessBlock',
    DeletePublicAccessBlock: 'DeleteAccountPublicAccessBlock',
  },
};

/**
 * The SDK class a client constructor is, or derives from: a collector may subclass an SDK client (e.g. to give
 * S3 Control an explicit endpoint) and its calls must still be named after the real service.
 */
export function sdkClientName(ctor: { name: string }): string {
  let current: unknown = ctor;
  for (;;) {
    const name = typeof current === 'function' ? current.name : '';
    if (name in servicePrefix || name in renamedActions) return name;
    const parent: unknown = Object.getPrototypeOf(current);
    // SDK clients extend smithy's `Client`; stop below it
    if (typeof parent !== 'function' || parent.name === 'Client' || parent.name === '') return name || ctor.name;
    current = parent;
  }
}

/** IAM service prefix for an SDK client class name: `IAMClient` → `iam`, `ConfigServiceClient` → `config`. */
export function serviceOf(clientName: string): string {
  return servicePrefix[clientName] ?? clientName.replace(/Client$/, '').toLowerCase();
}

/** The IAM action name (without prefix) of an API operation called through the given SDK client class. */
export function iamActionName(clientName: string, operation: string): string {
  return renamedActions[clientName]?.[operation] ?? operation;
}

/** `service:Action` for an operation called through a client class: (`S3Client`, `ListBuckets`) → `s3:ListAllMyBuckets`. */
export function iamAction(clientName: string, operation: string): string {
  return `${serviceOf(clientName)}:${iamActionName(clientName, operation)}`;
}

const READ_ONLY_VERB = /^(?:(?:Get|BatchGet|List|Describe|Lookup|Search|Head)[A-Za-z0-9]*|Generate\w*CredentialReport)$/;

/**
 * Whether an IAM action (`service:Action`) only reads: the verbs of the read-only API calls, and API Gateway's
 * `apigateway:GET` (its management API is authorised by HTTP verb). The scan's ledger and every collector's declared
 * operations are held to this one rule.
 */
export function isReadOnlyAction(action: string): boolean {
  const [service, verb] = action.split(':');
  if (verb === undefined) return false;
  if (service === 'apigateway') return verb === 'GET';
  return READ_ONLY_VERB.test(verb);
}
