// The SCP templates T1–T7 of controls.md §2, as statements built from the baseline. Pure data; packing into
// documents and choosing targets happen elsewhere (scp-packing.ts, plan-scp.ts).
import { exemptPrincipals, type Baseline } from './baseline.ts';

export interface ScpStatement {
  Sid: string;
  Effect: 'Deny';
  Action?: string | string[];
  NotAction?: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export type TemplateId = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7';

export interface ScpTemplate {
  id: TemplateId;
  name: string;
  statements: ScpStatement[];
}

/** The catalog's global services for T3's NotAction (seed 002, verbatim, 42 entries). Never removable. */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  'a4b:*', 'acm:*', 'aws-marketplace-management:*', 'aws-marketplace:*', 'aws-portal:*', 'budgets:*', 'ce:*', 'chime:*',
  'cloudfront:*', 'config:*', 'cur:*', 'directconnect:*', 'ec2:DescribeRegions', 'ec2:DescribeTransitGateways',
  'ec2:DescribeVpnGateways', 'fms:*', 'globalaccelerator:*', 'health:*', 'iam:*', 'importexport:*', 'kms:*',
  'mobileanalytics:*', 'networkmanager:*', 'organizations:*', 'pricing:*', 'route53:*', 'route53domains:*',
  'route53-recovery-cluster:*', 'route53-recovery-control-config:*', 'route53-recovery-readiness:*',
  's3:GetAccountPublic*', 's3:ListAllMyBuckets', 's3:ListMultiRegionAccessPoints', 's3:PutAccountPublic*', 'shield:*',
  'sts:*', 'support:*', 'trustedadvisor:*', 'waf-regional:*', 'waf:*', 'wafv2:*', 'wellarchitected:*',
];

/** T7 leaves a suspended account only billing and support (org-kickstart pattern). */
export const SUSPENDED_ALLOWED_ACTIONS: readonly string[] = ['support:*', 'ce:*', 'aws-portal:ViewBilling', 'budgets:*'];

function exemption(b: Baseline): ScpStatement['Condition'] {
  return { ArnNotLike: { 'aws:PrincipalArn': exemptPrincipals(b) } };
}

// T1 and T2 carry no exemption: the scp-deny-* checks accept only configured exemptions, and nobody needs to leave
// the organization or act as root in a member account through the automation role.
export function t1DenyLeaveOrganization(): ScpTemplate {
  return {
    id: 'T1',
    name: 'DenyLeaveOrganization',
    statements: [{ Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: ['organizations:LeaveOrganization'], Resource: '*' }],
  };
}

export function t2DenyRootUser(): ScpTemplate {
  return {
    id: 'T2',
    name: 'DenyRootUser',
    statements: [
      { Sid: 'DenyRootUser', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:root'] } } },
    ],
  };
}

export function t3DenyOutsideRegions(b: Baseline): ScpTemplate {
  const allowed = b.regions.allowed ?? [];
  return {
    id: 'T3',
    name: 'DenyAllOutsideRegions',
    statements: [
      {
        Sid: 'DenyAllOutsideRegions',
        Effect: 'Deny',
        NotAction: [...new Set([...GLOBAL_SERVICE_ACTIONS, ...b.scp.extraGlobalActions])],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': allowed }, ...exemption(b) },
      },
    ],
  };
}

export function t4ProtectCloudTrail(b: Baseline): ScpTemplate {
  const statements: ScpStatement[] = [
    {
      Sid: 'ProtectCloudTrail',
      Effect: 'Deny',
      Action: [
        'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors',
        'cloudtrail:PutInsightSelectors', 'cloudtrail:DeleteEventDataStore', 'cloudtrail:StopEventDataStoreIngestion',
      ],
      Resource: '*',
      Condition: exemption(b),
    },
  ];
  // the organization trail's bucket when the baseline names it (the generated default name needs the organization id)
  const bucket = b.scp.trailBucket ?? b.organization.trail.bucketName;
  if (bucket) {
    statements.push({
      Sid: 'ProtectTrailBucket',
      Effect: 'Deny',
      Action: [
        's3:DeleteBucket', 's3:DeleteBucketPolicy', 's3:PutBucketPolicy', 's3:PutLifecycleConfiguration',
        's3:PutBucketVersioning', 's3:PutBucketObjectLockConfiguration',
      ],
      Resource: `arn:aws:s3:::${bucket}`,
      Condition: exemption(b),
    });
  }
  return { id: 'T4', name: 'ProtectCloudTrail', statements };
}

export function t5ProtectSecurityServices(b: Baseline): ScpTemplate {
  const action = (Sid: string, actions: string[]): ScpStatement => ({ Sid, Effect: 'Deny', Action: actions, Resource: '*', Condition: exemption(b) });
  return {
    id: 'T5',
    name: 'ProtectSecurityServices',
    statements: [
      action('ProtectGuardDuty', [
        'guardduty:DeleteDetector', 'guardduty:UpdateDetector', 'guardduty:DisassociateFromAdministratorAccount',
        'guardduty:DisassociateFromMasterAccount', 'guardduty:DeleteMembers', 'guardduty:DisassociateMembers',
        'guardduty:StopMonitoringMembers', 'guardduty:CreateFilter', 'guardduty:UpdateFilter', 'guardduty:CreateIPSet',
        'guardduty:UpdateIPSet', 'guardduty:DeletePublishingDestination', 'guardduty:UpdatePublishingDestination',
      ]),
      action('ProtectSecurityHub', [
        'securityhub:DisableSecurityHub', 'securityhub:DisassociateFromAdministratorAccount',
        'securityhub:DisassociateFromMasterAccount', 'securityhub:DeleteMembers', 'securityhub:DisassociateMembers',
        'securityhub:BatchDisableStandards', 'securityhub:DisableImportFindingsForProduct',
      ]),
      action('ProtectConfig', [
        'config:DeleteConfigRule', 'config:DeleteConfigurationRecorder', 'config:DeleteDeliveryChannel',
        'config:StopConfigurationRecorder', 'config:PutConfigurationRecorder',
      ]),
      action('ProtectAccessAnalyzer', ['access-analyzer:DeleteAnalyzer']),
    ],
  };
}

export function t6ProtectAccountDefaults(b: Baseline): ScpTemplate {
  return {
    id: 'T6',
    name: 'ProtectAccountDefaults',
    statements: [
      {
        Sid: 'ProtectAccountDefaults',
        Effect: 'Deny',
        Action: [
          's3:PutAccountPublicAccessBlock', 'ec2:DisableEbsEncryptionByDefault', 'ec2:DisableSnapshotBlockPublicAccess',
          'ec2:DisableImageBlockPublicAccess', 'ec2:ModifyInstanceMetadataDefaults', 'account:PutAlternateContact',
          'account:DeleteAlternateContact', 'account:EnableRegion', 'account:DisableRegion',
        ],
        Resource: '*',
        Condition: exemption(b),
      },
    ],
  };
}

export function t7SuspendedDenyAll(b: Baseline): ScpTemplate {
  return {
    id: 'T7',
    name: 'SuspendedDenyAll',
    statements: [{ Sid: 'SuspendedDenyAll', Effect: 'Deny', NotAction: [...SUSPENDED_ALLOWED_ACTIONS], Resource: '*', Condition: exemption(b) }],
  };
}

/** The templates that go on every member OU (all but the Exception OU), in the order the baseline enables them. */
export function memberGuardrailTemplates(b: Baseline): ScpTemplate[] {
  const out: ScpTemplate[] = [];
  if (b.scp.denyLeaveOrganization) out.push(t1DenyLeaveOrganization());
  if (b.scp.denyRootUser) out.push(t2DenyRootUser());
  if (b.scp.protectCloudTrail) out.push(t4ProtectCloudTrail(b));
  if (b.scp.protectSecurityServices) out.push(t5ProtectSecurityServices(b));
  if (b.scp.protectAccountDefaults) out.push(t6ProtectAccountDefaults(b));
  return out;
}
