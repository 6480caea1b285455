// Organization services (controls.md §2 "Organization trail", "GuardDuty organization", "Security Hub", "IAM Access
// Analyzer"): the organization trail with its bucket and KMS key in the Log Archive account, trusted service access,
// delegated administrators in the Security Audit account, and the organization Access Analyzer there.
// What the snapshot does not record (trusted access, the GuardDuty / Security Hub administrators) is planned with
// `beforeKnown: false`: apply reads it live, skips what is in place and refuses a different administrator.
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type { Baseline } from '../baseline.ts';
import { emptyOutput, makeAction, scannedRegions, type BuildOutput, type PlanContext } from '../plan-context.ts';
import type { PlanAction } from '../plan-schema.ts';
import { orgView, type OrgView } from './organization.ts';

export const TRAIL_KEY_ALIAS = 'alias/rampart-organization-trail';

/** Where the trail, its bucket and key live. */
export function trailHomeRegion(b: Baseline): string {
  return b.organization.trail.homeRegion ?? b.regions.identityCenterHome ?? b.regions.allowed?.[0] ?? 'us-east-1';
}

export function trailBucketName(b: Baseline, orgId: string): string {
  const logArchive = b.organization.logArchiveAccount ?? 'log-archive';
  return b.organization.trail.bucketName ?? b.scp.trailBucket ?? `rampart-cloudtrail-${logArchive}-${orgId.replace(/^o-/, '')}`.slice(0, 63);
}

/** A trail the management account sees that already covers the organization. */
function organizationTrailInPlace(account: AccountSnapshot): boolean | undefined {
  let unknown = false;
  for (const r of Object.values(account.regional)) {
    if (!r.cloudtrail.trails.ok) {
      unknown = true;
      continue;
    }
    if (r.cloudtrail.trails.value.some((t) => t.isOrganizationTrail && t.isMultiRegionTrail && t.status.ok && t.status.value.isLogging)) return true;
  }
  return unknown ? undefined : false;
}

function bucketPolicy(bucket: string, trailArn: string, mgmt: string, orgId: string, b: Baseline): unknown {
  const arn = `arn:aws:s3:::${bucket}`;
  const exempt = b.principals.breakGlass;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: arn, Condition: { StringEquals: { 'aws:SourceArn': trailArn } } },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: [`${arn}/AWSLogs/${mgmt}/*`, `${arn}/AWSLogs/${orgId}/*`],
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
      },
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      {
        Sid: 'DenyLogDeletion',
        Effect: 'Deny',
        Principal: '*',
        Action: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:DeleteBucket', 's3:PutLifecycleConfiguration'],
        Resource: [arn, `${arn}/*`],
        ...(exempt.length > 0 ? { Condition: { ArnNotLike: { 'aws:PrincipalArn': exempt } } } : {}),
      },
    ],
  };
}

function keyPolicy(trailArn: string, mgmt: string, logArchive: string, b: Baseline): unknown {
  const readers = [...new Set([logArchive, b.organization.securityAuditAccount].filter((x): x is string => x !== undefined))].map((id) => `arn:aws:iam::${id}:root`);
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'KeyAdministration', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${logArchive}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'AllowCloudTrailEncrypt',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': trailArn }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${mgmt}:trail/*` } },
      },
      { Sid: 'AllowCloudTrailDescribe', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:DescribeKey', Resource: '*' },
      {
        Sid: 'AllowLogReadersDecrypt',
        Effect: 'Allow',
        Principal: { AWS: readers },
        Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        Resource: '*',
        Condition: { Null: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'false' } },
      },
    ],
  };
}

function serviceAccess(view: OrgView, principal: string, why: string): PlanAction {
  return makeAction({
    kind: 'org.service-access',
    target: principal,
    title: `Enable trusted access for ${principal} in organization ${view.organization.id}`,
    accountId: view.organization.managementAccountId,
    region: null,
    checkIds: ['delegated-admins'],
    calls: [{ service: 'organizations', operation: 'EnableAWSServiceAccess', params: { ServicePrincipal: principal } }],
    permissions: ['organizations:EnableAWSServiceAccess', 'organizations:ListAWSServiceAccessForOrganization', 'organizations:DisableAWSServiceAccess'],
    before: { enabled: false },
    beforeKnown: false,
    after: { enabled: true },
    rollback: { possible: true, how: `DisableAWSServiceAccess ${principal} (only while nothing of the service depends on it: it removes the service's organization resources)` },
    details: { servicePrincipal: principal },
    notes: [why],
  });
}

function trailActions(ctx: PlanContext, view: OrgView, out: BuildOutput): void {
  const b = ctx.baseline;
  if (!b.organization.trail.enabled) return;
  const mgmt = view.organization.managementAccountId;
  const inPlace = organizationTrailInPlace(view.evaluator);
  if (inPlace === true) return;
  const logArchive = b.organization.logArchiveAccount;
  if (logArchive === undefined) {
    out.blocked.push({ what: 'the organization trail', reason: 'name the Log Archive account (organization.logArchiveAccount) in the baseline: the trail bucket and key go there' });
    return;
  }
  if (inPlace === undefined) out.warnings.push(`the trails of ${mgmt} could not all be read: an organization trail may already exist (apply checks by name before creating one)`);
  const region = trailHomeRegion(b);
  const orgId = view.organization.id;
  const name = b.organization.trail.name;
  const bucket = trailBucketName(b, orgId);
  const trailArn = `arn:aws:cloudtrail:${region}:${mgmt}:trail/${name}`;
  const keyAlias = `arn:aws:kms:${region}:${logArchive}:${TRAIL_KEY_ALIAS}`;
  const costNote = 'the first copy of management events is free in each account; an organization trail next to existing account trails is an extra copy ($2 per 100,000 events), plus S3 storage and KMS requests in the Log Archive account';

  const access = serviceAccess(view, 'cloudtrail.amazonaws.com', 'an organization trail needs trusted access for CloudTrail');
  const policy = bucketPolicy(bucket, trailArn, mgmt, orgId, b);
  const bucketAction = makeAction({
    kind: 'org.trail-bucket',
    target: bucket,
    title: `Create the organization trail bucket ${bucket} in the Log Archive account ${logArchive} (versioned, private, CloudTrail-only writes, TLS only, no deletes)`,
    accountId: logArchive,
    region,
    checkIds: ['cloudtrail-bucket-versioning', 'cloudtrail-bucket-not-public', 'cloudtrail-bucket-delete-protection', 'org-core-accounts'],
    calls: [
      { service: 's3', operation: 'CreateBucket', params: { Bucket: bucket, ObjectOwnership: 'BucketOwnerEnforced', ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region } }) } },
      { service: 's3', operation: 'PutPublicAccessBlock', params: { Bucket: bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } } },
      { service: 's3', operation: 'PutBucketVersioning', params: { Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } } },
      { service: 's3', operation: 'PutBucketPolicy', params: { Bucket: bucket, Policy: JSON.stringify(policy) } },
    ],
    permissions: ['s3:CreateBucket', 's3:PutBucketPublicAccessBlock', 's3:PutBucketVersioning', 's3:PutBucketPolicy', 's3:ListBucket', 's3:GetBucketVersioning', 's3:GetBucketPolicy', 's3:PutBucketOwnershipControls'],
    before: { exists: false },
    beforeKnown: false,
    after: { exists: true, versioning: 'Enabled', cloudTrailCanWrite: true },
    preconditions: [`bucket ${bucket} does not exist, or exists in ${logArchive} (apply then only sets its protections)`],
    rollback: { possible: false, how: 'not undone: the bucket holds the organization\'s audit logs, which must outlive the trail (delete it by hand once it is empty and no longer needed)' },
    details: { bucket, policy, trailArn },
    notes: ['the bucket policy replaces any existing one; add your own statements to the baseline first if the bucket already exists'],
  });
  const keyAction = makeAction({
    kind: 'org.trail-key',
    target: TRAIL_KEY_ALIAS,
    title: `Create the KMS key ${TRAIL_KEY_ALIAS} for the organization trail in ${logArchive} ${region}`,
    accountId: logArchive,
    region,
    checkIds: ['cloudtrail-kms'],
    calls: [
      { service: 'kms', operation: 'CreateKey', params: { Description: `Rampart: encrypts the organization trail ${name} of ${orgId}`, KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: 'SYMMETRIC_DEFAULT', Policy: JSON.stringify(keyPolicy(trailArn, mgmt, logArchive, b)) } },
      { service: 'kms', operation: 'EnableKeyRotation', params: { KeyId: { $output: [0, ['KeyMetadata', 'KeyId']] } } },
      { service: 'kms', operation: 'CreateAlias', params: { AliasName: TRAIL_KEY_ALIAS, TargetKeyId: { $output: [0, ['KeyMetadata', 'KeyId']] } } },
    ],
    permissions: ['kms:CreateKey', 'kms:EnableKeyRotation', 'kms:CreateAlias', 'kms:DescribeKey', 'kms:PutKeyPolicy'],
    before: { exists: false },
    beforeKnown: false,
    after: { exists: true },
    rollback: { possible: false, how: 'not undone: deleting the key would make every log it encrypted unreadable (schedule its deletion by hand if it was never used)' },
    details: { alias: TRAIL_KEY_ALIAS, keyPolicy: keyPolicy(trailArn, mgmt, logArchive, b), aliasArn: keyAlias },
  });
  const trail = makeAction({
    kind: 'org.trail',
    target: name,
    title: `Create and start the organization trail ${name} (all Regions, log file validation, SSE-KMS) writing to ${bucket}`,
    accountId: mgmt,
    region,
    costNote,
    checkIds: ['cloudtrail-org-trail', 'cloudtrail-multi-region', 'cloudtrail-log-validation', 'cloudtrail-kms'],
    calls: [
      {
        service: 'cloudtrail',
        operation: 'CreateTrail',
        params: { Name: name, S3BucketName: bucket, IsOrganizationTrail: true, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, EnableLogFileValidation: true, KmsKeyId: keyAlias },
      },
      { service: 'cloudtrail', operation: 'StartLogging', params: { Name: trailArn } },
    ],
    permissions: ['cloudtrail:CreateTrail', 'cloudtrail:StartLogging', 'cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'organizations:ListAWSServiceAccessForOrganization', 'iam:CreateServiceLinkedRole', 'iam:GetRole'],
    before: { exists: false, logging: false, organizationTrail: false },
    beforeKnown: false,
    after: { exists: true, logging: true, organizationTrail: true },
    preconditions: ['no trail with this name exists in the management account, or it is this organization trail (apply then only starts logging)'],
    rollback: { possible: true, how: `StopLogging and DeleteTrail ${name} (the logs already delivered stay in ${bucket})` },
    dependsOn: [access.id, bucketAction.id, keyAction.id],
    details: { trailArn, bucket, kmsKeyId: keyAlias, homeRegion: region, organizationId: orgId },
    notes: ['member accounts see the trail as a shadow trail in every Region and cannot change or stop it'],
  });
  out.actions.push(access, bucketAction, keyAction, trail);
}

function delegatedAdmins(ctx: PlanContext, view: OrgView, out: BuildOutput): void {
  const b = ctx.baseline;
  if (!b.organization.delegateSecurityServices) return;
  const admin = b.organization.securityAuditAccount;
  const mgmt = view.organization.managementAccountId;
  if (admin === undefined) {
    out.blocked.push({ what: 'delegated administrators for Access Analyzer, Config, GuardDuty and Security Hub', reason: 'name the Security Audit account (organization.securityAuditAccount) in the baseline' });
    return;
  }
  if (admin === mgmt) {
    out.blocked.push({ what: 'delegated administrators', reason: `organization.securityAuditAccount is the management account ${mgmt}: security services must be delegated to a member account` });
    return;
  }
  if (!view.structure.accounts.some((a) => a.id === admin && a.status === 'ACTIVE')) {
    out.blocked.push({ what: 'delegated administrators', reason: `the Security Audit account ${admin} is not an ACTIVE account of organization ${view.organization.id}` });
    return;
  }
  const regions = b.regions.allowed ?? scannedRegions(view.evaluator);
  const registered = view.evaluator.organizations.delegatedAdministrators;

  for (const principal of ['access-analyzer.amazonaws.com', 'config.amazonaws.com']) {
    const holders = registered.ok ? (registered.value ?? []).filter((d) => d.servicePrincipals.includes(principal)).map((d) => d.accountId) : undefined;
    if (holders?.includes(admin)) continue;
    if (holders && holders.length > 0) {
      out.blocked.push({ what: `delegated administrator for ${principal}`, reason: `${holders.join(', ')} already administers it; deregister it first (organizations deregister-delegated-administrator) if ${admin} should` });
      continue;
    }
    const access = serviceAccess(view, principal, `delegating ${principal} needs trusted access for it`);
    const register = makeAction({
      kind: 'org.delegated-admin',
      target: principal,
      title: `Register ${admin} as the delegated administrator for ${principal}`,
      accountId: mgmt,
      region: null,
      checkIds: ['delegated-admins', ...(principal === 'config.amazonaws.com' ? ['config-org-aggregator'] : [])],
      calls: [{ service: 'organizations', operation: 'RegisterDelegatedAdministrator', params: { AccountId: admin, ServicePrincipal: principal } }],
      permissions: ['organizations:RegisterDelegatedAdministrator', 'organizations:ListDelegatedAdministrators', 'organizations:DeregisterDelegatedAdministrator'],
      before: { administrators: [] },
      beforeKnown: holders !== undefined,
      after: { administrators: [admin] },
      rollback: { possible: true, how: `DeregisterDelegatedAdministrator ${admin} for ${principal}` },
      dependsOn: [access.id],
      details: { servicePrincipal: principal, adminAccountId: admin },
    });
    out.actions.push(access, register);
  }

  // GuardDuty and Security Hub have their own "organization admin" calls, per Region; both turn the service on in
  // the administrator account, so they follow the paid switches.
  for (const [svc, paidKey, check, label] of [
    ['guardduty', 'guardduty', 'guardduty-delegated-admin', 'GuardDuty'],
    ['securityhub', 'securityHub', 'securityhub-org-aggregation', 'Security Hub'],
  ] as const) {
    if (!b.paid[paidKey]) {
      out.blocked.push({ what: `${label} delegated administrator (${admin})`, reason: `designating it enables ${label} in ${admin} (paid): set paid.${paidKey}: true in the baseline to plan it` });
      continue;
    }
    for (const region of regions) {
      out.actions.push(
        makeAction({
          kind: svc === 'guardduty' ? 'org.guardduty-admin' : 'org.securityhub-admin',
          target: admin,
          title: `Make ${admin} the ${label} administrator of the organization in ${region}`,
          accountId: mgmt,
          region,
          risk: 'paid',
          costNote: `${label} is turned on in ${admin} in ${region} and bills there (${svc === 'guardduty' ? 'by events and logs analysed, 30-day trial' : 'per check and finding ingested'}); members are enrolled from the administrator`,
          checkIds: [check, 'delegated-admins'],
          calls: [{ service: svc, operation: 'EnableOrganizationAdminAccount', params: { AdminAccountId: admin } }],
          permissions: [`${svc}:EnableOrganizationAdminAccount`, `${svc}:ListOrganizationAdminAccounts`, `${svc}:DisableOrganizationAdminAccount`, 'organizations:EnableAWSServiceAccess', 'organizations:RegisterDelegatedAdministrator', 'organizations:ListDelegatedAdministrators', 'organizations:DescribeOrganization', 'iam:CreateServiceLinkedRole'],
          before: { admin: null },
          beforeKnown: false,
          after: { admin },
          preconditions: ['no other account is the administrator in this Region (apply refuses to replace one)'],
          rollback: { possible: true, how: `DisableOrganizationAdminAccount ${admin} in ${region}` },
          details: { adminAccountId: admin, service: svc },
        }),
      );
    }
  }

  // The organization Access Analyzer, in the delegated administrator, per Region (free, external access only).
  if (!b.accountDefaults.accessAnalyzer) return;
  const registration = out.actions.find((a) => a.kind === 'org.delegated-admin' && a.details['servicePrincipal'] === 'access-analyzer.amazonaws.com');
  for (const region of regions) {
    out.actions.push(
      makeAction({
        kind: 'org.access-analyzer',
        target: 'rampart-organization',
        title: `Create the organization IAM Access Analyzer (external access, free) in ${admin} ${region}`,
        accountId: admin,
        region,
        checkIds: ['access-analyzer-enabled'],
        calls: [{ service: 'accessanalyzer', operation: 'CreateAnalyzer', params: { analyzerName: 'rampart-organization', type: 'ORGANIZATION' } }],
        permissions: ['access-analyzer:CreateAnalyzer', 'access-analyzer:ListAnalyzers', 'access-analyzer:DeleteAnalyzer', 'iam:CreateServiceLinkedRole', 'organizations:ListAccounts', 'organizations:DescribeOrganization', 'organizations:ListDelegatedAdministrators'],
        before: { active: false },
        beforeKnown: false,
        after: { active: true },
        rollback: { possible: true, how: `DeleteAnalyzer rampart-organization in ${admin} ${region}` },
        dependsOn: registration ? [registration.id] : [],
        notes: ['an ORGANIZATION analyzer reports access from outside the organization to every member\'s resources'],
      }),
    );
  }
}

export function organizationServicesBuilder(ctx: PlanContext): BuildOutput {
  const out = emptyOutput();
  const found = orgView(ctx);
  if (found === undefined || 'blocked' in found) return out; // the SCP builder reports the unreadable structure
  if (found.organization.featureSet !== 'ALL') return out;
  trailActions(ctx, found, out);
  delegatedAdmins(ctx, found, out);
  // one trusted-access action per service principal, even when several actions need it
  const seen = new Set<string>();
  out.actions = out.actions.filter((a) => (a.kind === 'org.service-access' ? !seen.has(a.id) && Boolean(seen.add(a.id)) : true));
  return out;
}
