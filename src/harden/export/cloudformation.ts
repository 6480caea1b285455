// The plan as CloudFormation: one template per account and Region (deploy each as a stack there, or as a
// StackSet). Only actions CloudFormation has a resource for are exported; the rest go to NOT-EXPORTED.md.
import type { Plan, PlanAction } from '../plan-schema.ts';
import { exportRegion, notExportedReadme, type ExportFiles, type NotExported } from './common.ts';

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[]; DeletionPolicy?: string; UpdateReplacePolicy?: string };

const logicalId = (s: string) => s.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^[^A-Za-z]+/, '').slice(0, 255) || 'Resource';
const ouLogicalId = (name: string) => logicalId(`Ou ${name}`);

const NO_RESOURCE: Partial<Record<PlanAction['kind'], string>> = {
  'iam.password-policy': 'CloudFormation has no resource for the account password policy',
  's3.account-bpa': 'CloudFormation has no resource for account-level S3 Block Public Access',
  'account.alternate-contact': 'CloudFormation has no resource for alternate contacts',
  'ec2.ebs-encryption-default': 'CloudFormation has no resource for EBS encryption by default',
  'org.enable-scp-type': 'CloudFormation cannot enable an Organizations policy type',
  'kms.key-rotation': 'it changes a key this template does not own: set EnableKeyRotation where the key is defined',
  'cloudtrail.log-validation': 'it changes a trail this template does not own: set EnableLogFileValidation where the trail is defined',
  'ec2.revoke-open-ingress': 'it changes a security group this template does not own: remove the rule where the group is defined',
  'ec2.instance-imdsv2': 'it changes an instance this template does not own: set MetadataOptions.HttpTokens where it is defined',
  's3.bucket-bpa': 'it changes a bucket this template does not own: set PublicAccessBlockConfiguration where the bucket is defined',
  'org.service-access': 'CloudFormation has no resource for Organizations trusted access',
  'org.delegated-admin': 'CloudFormation has no resource for an Organizations delegated administrator',
  'org.guardduty-admin': 'CloudFormation has no resource for the GuardDuty organization administrator',
  'org.securityhub-admin': 'CloudFormation has no resource for the Security Hub organization administrator',
  'inspector2.enable': 'CloudFormation has no resource that turns Amazon Inspector on for an account',
  'guardduty.features': 'it changes a detector this template does not own: set Features where the AWS::GuardDuty::Detector is defined',
};

function resourcesFor(a: PlanAction, notExported: NotExported[]): Record<string, Resource> {
  const p = a.calls[0]!.params;
  switch (a.kind) {
    case 'org.create-ou':
      return { [ouLogicalId(String(a.details['name']))]: { Type: 'AWS::Organizations::OrganizationalUnit', Properties: { Name: a.details['name'], ParentId: a.details['parentId'] } } };
    case 'org.scp': {
      const targets = a.details['targets'] as Array<{ id: string | null; name: string }>;
      return {
        [logicalId(`Scp ${String(a.details['name'])}`)]: {
          Type: 'AWS::Organizations::Policy',
          Properties: {
            Name: a.details['name'],
            Description: p['Description'],
            Type: 'SERVICE_CONTROL_POLICY',
            Content: JSON.parse(String(a.details['content'])) as unknown,
            TargetIds: targets.map((t) => t.id ?? { Ref: ouLogicalId(t.name) }),
          },
        },
      };
    }
    case 'accessanalyzer.analyzer':
      return { AccessAnalyzer: { Type: 'AWS::AccessAnalyzer::Analyzer', Properties: { AnalyzerName: p['analyzerName'], Type: 'ACCOUNT' } } };
    case 'guardduty.detector':
      return { GuardDutyDetector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true, ...(p['Features'] ? { Features: p['Features'] } : {}) } } };
    case 'securityhub.hub':
      return { SecurityHub: { Type: 'AWS::SecurityHub::Hub', Properties: { EnableDefaultStandards: false } } };
    case 'config.recorder': {
      if (!a.details['createdRecorder']) {
        notExported.push({ action: a, why: 'it changes a Config recorder this template does not own: set RecordingGroup.AllSupported where it is defined' });
        return {};
      }
      const rec = a.calls.find((c) => c.operation === 'PutConfigurationRecorder')!.params['ConfigurationRecorder'] as { name: string; roleARN: string; recordingGroup: { includeGlobalResourceTypes: boolean } };
      const hasChannel = a.calls.some((c) => c.operation === 'PutDeliveryChannel');
      return {
        ConfigRecorder: { Type: 'AWS::Config::ConfigurationRecorder', Properties: { Name: rec.name, RoleARN: rec.roleARN, RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: rec.recordingGroup.includeGlobalResourceTypes } } },
        ...(hasChannel ? { ConfigDeliveryChannel: { Type: 'AWS::Config::DeliveryChannel', Properties: { Name: 'default', S3BucketName: a.details['bucket'] } } } : {}),
      };
    }
    case 'securityhub.standards':
      return Object.fromEntries(
        (a.details['standards'] as string[]).map((arn) => [logicalId(`Standard ${arn.split('standards/')[1]}`), { Type: 'AWS::SecurityHub::Standard', Properties: { StandardsArn: arn } }]),
      );
    case 'macie.enable':
      return { MacieSession: { Type: 'AWS::Macie::Session', Properties: { Status: 'ENABLED', FindingPublishingFrequency: 'SIX_HOURS' } } };
    case 'accessanalyzer.unused-access':
      return {
        UnusedAccessAnalyzer: {
          Type: 'AWS::AccessAnalyzer::Analyzer',
          Properties: { AnalyzerName: p['analyzerName'], Type: 'ACCOUNT_UNUSED_ACCESS', AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: a.details['unusedAccessAge'] } } },
        },
      };
    case 'org.access-analyzer':
      return { OrganizationAccessAnalyzer: { Type: 'AWS::AccessAnalyzer::Analyzer', Properties: { AnalyzerName: p['analyzerName'], Type: 'ORGANIZATION' } } };
    case 'org.trail-bucket': {
      const bucket = logicalId(`TrailBucket ${String(a.details['bucket'])}`);
      return {
        [bucket]: {
          Type: 'AWS::S3::Bucket',
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: {
            BucketName: a.details['bucket'],
            OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
            PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
            VersioningConfiguration: { Status: 'Enabled' },
          },
        },
        [`${bucket}Policy`]: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: bucket }, PolicyDocument: a.details['policy'] } },
      };
    }
    case 'org.trail-key':
      return {
        TrailKey: { Type: 'AWS::KMS::Key', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain', Properties: { Description: p['Description'], EnableKeyRotation: true, KeyPolicy: a.details['keyPolicy'] } },
        TrailKeyAlias: { Type: 'AWS::KMS::Alias', Properties: { AliasName: a.details['alias'], TargetKeyId: { Ref: 'TrailKey' } } },
      };
    case 'org.trail':
      return {
        [logicalId(`OrganizationTrail ${String(p['Name'])}`)]: {
          Type: 'AWS::CloudTrail::Trail',
          Properties: {
            TrailName: p['Name'],
            S3BucketName: p['S3BucketName'],
            KMSKeyId: p['KmsKeyId'],
            IsLogging: true,
            IsOrganizationTrail: true,
            IsMultiRegionTrail: true,
            IncludeGlobalServiceEvents: true,
            EnableLogFileValidation: true,
          },
        },
      };
    default:
      notExported.push({ action: a, why: NO_RESOURCE[a.kind] ?? 'no CloudFormation resource' });
      return {};
  }
}

export function exportCloudFormation(plan: Plan): ExportFiles {
  const notExported: NotExported[] = [];
  const templates = new Map<string, Record<string, Resource>>();
  for (const a of plan.actions) {
    const resources = resourcesFor(a, notExported);
    if (Object.keys(resources).length === 0) continue;
    const file = `${a.accountId}-${exportRegion(a)}.template.json`;
    templates.set(file, { ...(templates.get(file) ?? {}), ...resources });
  }
  const files: ExportFiles = {};
  for (const [file, resources] of templates) {
    const [accountId, region] = file.replace('.template.json', '').split(/-(.+)/);
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: `Rampart hardening for account ${accountId} in ${region} (from the plan of ${plan.basedOn.collectedAt})`,
      Resources: resources,
    };
    files[file] = `${JSON.stringify(template, null, 2)}\n`;
  }
  if (notExported.length > 0) files['NOT-EXPORTED.md'] = notExportedReadme(notExported, 'CloudFormation');
  return files;
}
