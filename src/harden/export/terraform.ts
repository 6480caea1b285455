// The plan as Terraform (AWS provider): one provider alias per account and Region (member accounts through
// memberAccessRole), one resource per action that Terraform can own. Actions on resources Terraform does not own
// here (an existing key, trail or instance) are listed in NOT-EXPORTED.md instead of half-expressed.
import { passwordPolicyParams } from '../builders/account.ts';
import type { BaselineContact } from '../baseline.ts';
import type { PasswordPolicy } from '../../services/iam/schema.ts';
import type { Plan, PlanAction } from '../plan-schema.ts';
import { jsonHeredoc, ref, renderHcl, type HclBlock, type HclValue } from './hcl.ts';
import { callerAccountOf, exportRegion, notExportedReadme, type ExportFiles, type NotExported } from './common.ts';

const ident = (s: string) => {
  const id = s.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(id) ? id : `r_${id}`;
};

const providerAlias = (accountId: string, region: string) => ident(`a${accountId}_${region}`);

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const NOT_OWNED = {
  'kms.key-rotation': 'set enable_key_rotation = true where the aws_kms_key is defined',
  'cloudtrail.log-validation': 'set enable_log_file_validation = true where the aws_cloudtrail is defined',
  'ec2.revoke-open-ingress': 'remove the ingress rule where the security group is defined',
  'ec2.instance-imdsv2': 'set metadata_options { http_tokens = "required" } where the instance is defined',
} as const;

interface Ctx {
  plan: Plan;
  providers: Map<string, { accountId: string; region: string }>;
  notExported: NotExported[];
}

function providerFor(ctx: Ctx, a: PlanAction): HclValue {
  const region = exportRegion(a);
  const alias = providerAlias(a.accountId, region);
  ctx.providers.set(alias, { accountId: a.accountId, region });
  return ref(`aws.${alias}`);
}

function resource(ctx: Ctx, a: PlanAction, type: string, name: string, attributes: Array<[string, HclValue]>, blocks: HclBlock[] = []): HclBlock {
  return { type: 'resource', labels: [type, ident(name)], attributes: [['provider', providerFor(ctx, a)], ...attributes], ...(blocks.length > 0 ? { blocks } : {}), comment: `${a.id}: ${a.title}` };
}

function blocksFor(ctx: Ctx, a: PlanAction): HclBlock[] {
  const p = a.calls[0]!.params;
  switch (a.kind) {
    case 'org.create-ou':
      return [resource(ctx, a, 'aws_organizations_organizational_unit', String(a.details['name']), [['name', String(a.details['name'])], ['parent_id', String(a.details['parentId'])]])];
    case 'org.scp': {
      const name = String(a.details['name']);
      const policy = resource(ctx, a, 'aws_organizations_policy', name, [
        ['name', name],
        ['description', String(p['Description'])],
        ['type', 'SERVICE_CONTROL_POLICY'],
        ['content', jsonHeredoc(JSON.parse(String(a.details['content'])))],
      ]);
      const targets = a.details['targets'] as Array<{ id: string | null; name: string }>;
      const attachments = targets.map((t) =>
        resource(ctx, a, 'aws_organizations_policy_attachment', `${name}_${t.id ?? t.name}`, [
          ['policy_id', ref(`aws_organizations_policy.${ident(name)}.id`)],
          ['target_id', t.id ?? ref(`aws_organizations_organizational_unit.${ident(t.name)}.id`)],
        ]),
      );
      return [policy, ...attachments];
    }
    case 'iam.password-policy':
      return [resource(ctx, a, 'aws_iam_account_password_policy', `password_policy_${a.accountId}`, Object.entries(passwordPolicyParams(a.after as PasswordPolicy)).map(([k, v]) => [snake(k[0]!.toLowerCase() + k.slice(1)), v as HclValue]))];
    case 's3.account-bpa':
      return [resource(ctx, a, 'aws_s3_account_public_access_block', `account_bpa_${a.accountId}`, [['account_id', a.accountId], ['block_public_acls', true], ['ignore_public_acls', true], ['block_public_policy', true], ['restrict_public_buckets', true]])];
    case 's3.bucket-bpa':
      return [resource(ctx, a, 'aws_s3_bucket_public_access_block', `bpa_${String(p['Bucket'])}`, [['bucket', String(p['Bucket'])], ['block_public_acls', true], ['ignore_public_acls', true], ['block_public_policy', true], ['restrict_public_buckets', true]])];
    case 'account.alternate-contact': {
      const c = a.after as BaselineContact;
      return [resource(ctx, a, 'aws_account_alternate_contact', `${String(p['AlternateContactType'])}_${a.accountId}`, [['alternate_contact_type', String(p['AlternateContactType'])], ['name', c.name], ['title', c.title], ['email_address', c.emailAddress], ['phone_number', c.phoneNumber]])];
    }
    case 'ec2.ebs-encryption-default':
      return [resource(ctx, a, 'aws_ebs_encryption_by_default', `ebs_${a.accountId}_${a.region}`, [['enabled', true]])];
    case 'accessanalyzer.analyzer':
      return [resource(ctx, a, 'aws_accessanalyzer_analyzer', `analyzer_${a.accountId}_${a.region}`, [['analyzer_name', String(p['analyzerName'])], ['type', 'ACCOUNT']])];
    case 'guardduty.detector': {
      const id = ident(`guardduty_${a.accountId}_${a.region}`);
      const features = (p['Features'] as Array<{ Name: string }> | undefined) ?? [];
      return [
        resource(ctx, a, 'aws_guardduty_detector', id, [['enable', true]]),
        ...features.map((f) => resource(ctx, a, 'aws_guardduty_detector_feature', `${id}_${f.Name}`, [['detector_id', ref(`aws_guardduty_detector.${id}.id`)], ['name', f.Name], ['status', 'ENABLED']])),
      ];
    }
    case 'guardduty.features':
      return (a.details['features'] as string[]).map((name) =>
        resource(ctx, a, 'aws_guardduty_detector_feature', `guardduty_${a.accountId}_${a.region}_${name}`, [['detector_id', String(a.details['detectorId'])], ['name', name], ['status', 'ENABLED']]),
      );
    case 'securityhub.hub':
      return [resource(ctx, a, 'aws_securityhub_account', `securityhub_${a.accountId}_${a.region}`, [['enable_default_standards', false]])];
    case 'config.recorder': {
      if (!a.details['createdRecorder']) {
        ctx.notExported.push({ action: a, why: 'it changes a Config recorder this code does not own: import it as aws_config_configuration_recorder and set recording_group { all_supported = true }' });
        return [];
      }
      const id = ident(`config_${a.accountId}_${a.region}`);
      const rec = (a.calls.find((c) => c.operation === 'PutConfigurationRecorder')!.params['ConfigurationRecorder'] as { name: string; roleARN: string; recordingGroup: { includeGlobalResourceTypes: boolean } });
      const hasChannel = a.calls.some((c) => c.operation === 'PutDeliveryChannel');
      return [
        resource(ctx, a, 'aws_config_configuration_recorder', id, [['name', rec.name], ['role_arn', rec.roleARN]], [
          { type: 'recording_group', labels: [], attributes: [['all_supported', true], ['include_global_resource_types', rec.recordingGroup.includeGlobalResourceTypes]] },
        ]),
        ...(hasChannel ? [resource(ctx, a, 'aws_config_delivery_channel', id, [['name', 'default'], ['s3_bucket_name', String(a.details['bucket'])], ['depends_on', [ref(`aws_config_configuration_recorder.${id}`)]]])] : []),
        resource(ctx, a, 'aws_config_configuration_recorder_status', id, [['name', ref(`aws_config_configuration_recorder.${id}.name`)], ['is_enabled', true], ['depends_on', [ref(hasChannel ? `aws_config_delivery_channel.${id}` : `aws_config_configuration_recorder.${id}`)]]]),
      ];
    }
    case 'securityhub.standards':
      return (a.details['standards'] as string[]).map((arn) =>
        resource(ctx, a, 'aws_securityhub_standards_subscription', `standard_${a.accountId}_${a.region}_${arn.split('standards/')[1]}`, [['standards_arn', arn]]),
      );
    case 'inspector2.enable':
      return [resource(ctx, a, 'aws_inspector2_enabler', `inspector_${a.accountId}_${a.region}`, [['account_ids', [a.accountId]], ['resource_types', (a.details['resourceTypes'] as string[])]])];
    case 'macie.enable':
      return [resource(ctx, a, 'aws_macie2_account', `macie_${a.accountId}_${a.region}`, [['finding_publishing_frequency', 'SIX_HOURS'], ['status', 'ENABLED']])];
    case 'accessanalyzer.unused-access':
      return [
        resource(ctx, a, 'aws_accessanalyzer_analyzer', `unused_access_${a.accountId}`, [['analyzer_name', String(p['analyzerName'])], ['type', 'ACCOUNT_UNUSED_ACCESS']], [
          { type: 'configuration', labels: [], attributes: [], blocks: [{ type: 'unused_access', labels: [], attributes: [['unused_access_age', Number(a.details['unusedAccessAge'])]] }] },
        ]),
      ];
    case 'org.service-access':
      ctx.notExported.push({ action: a, why: `trusted access lives on aws_organizations_organization, which owns the whole organization: import it and add "${String(a.details['servicePrincipal'])}" to aws_service_access_principals, or apply this action with \`rampart harden apply\`` });
      return [];
    case 'org.delegated-admin':
      return [resource(ctx, a, 'aws_organizations_delegated_administrator', `delegated_${String(a.details['servicePrincipal'])}`, [['account_id', String(a.details['adminAccountId'])], ['service_principal', String(a.details['servicePrincipal'])]])];
    case 'org.guardduty-admin':
      return [resource(ctx, a, 'aws_guardduty_organization_admin_account', `guardduty_admin_${a.region}`, [['admin_account_id', String(a.details['adminAccountId'])]])];
    case 'org.securityhub-admin':
      return [resource(ctx, a, 'aws_securityhub_organization_admin_account', `securityhub_admin_${a.region}`, [['admin_account_id', String(a.details['adminAccountId'])]])];
    case 'org.access-analyzer':
      return [resource(ctx, a, 'aws_accessanalyzer_analyzer', `org_analyzer_${a.accountId}_${a.region}`, [['analyzer_name', String(p['analyzerName'])], ['type', 'ORGANIZATION']])];
    case 'org.trail-bucket': {
      const bucket = String(a.details['bucket']);
      const id = ident(`trail_bucket_${bucket}`);
      const self = ref(`aws_s3_bucket.${id}.id`);
      return [
        resource(ctx, a, 'aws_s3_bucket', id, [['bucket', bucket]]),
        resource(ctx, a, 'aws_s3_bucket_ownership_controls', id, [['bucket', self]], [{ type: 'rule', labels: [], attributes: [['object_ownership', 'BucketOwnerEnforced']] }]),
        resource(ctx, a, 'aws_s3_bucket_public_access_block', id, [['bucket', self], ['block_public_acls', true], ['ignore_public_acls', true], ['block_public_policy', true], ['restrict_public_buckets', true]]),
        resource(ctx, a, 'aws_s3_bucket_versioning', id, [['bucket', self]], [{ type: 'versioning_configuration', labels: [], attributes: [['status', 'Enabled']] }]),
        resource(ctx, a, 'aws_s3_bucket_policy', id, [['bucket', self], ['policy', jsonHeredoc(a.details['policy'])]]),
      ];
    }
    case 'org.trail-key': {
      const id = ident(`trail_key_${a.accountId}`);
      return [
        resource(ctx, a, 'aws_kms_key', id, [['description', String(a.calls[0]!.params['Description'])], ['enable_key_rotation', true], ['policy', jsonHeredoc(a.details['keyPolicy'])]]),
        resource(ctx, a, 'aws_kms_alias', id, [['name', String(a.details['alias'])], ['target_key_id', ref(`aws_kms_key.${id}.key_id`)]]),
      ];
    }
    case 'org.trail':
      return [
        resource(ctx, a, 'aws_cloudtrail', `org_trail_${String(p['Name'])}`, [
          ['name', String(p['Name'])],
          ['s3_bucket_name', String(p['S3BucketName'])],
          ['kms_key_id', String(p['KmsKeyId'])],
          ['is_organization_trail', true],
          ['is_multi_region_trail', true],
          ['include_global_service_events', true],
          ['enable_log_file_validation', true],
          ['enable_logging', true],
        ]),
      ];
    case 'org.enable-scp-type':
      ctx.notExported.push({ action: a, why: 'the policy type lives on aws_organizations_organization, which owns the whole organization (service access, feature set): import it and add "SERVICE_CONTROL_POLICY" to enabled_policy_types, or apply this action with `rampart harden apply`' });
      return [];
    case 'kms.key-rotation':
    case 'cloudtrail.log-validation':
    case 'ec2.revoke-open-ingress':
    case 'ec2.instance-imdsv2':
      ctx.notExported.push({ action: a, why: `it changes a resource this code does not own: ${NOT_OWNED[a.kind]}` });
      return [];
  }
}

export function exportTerraform(plan: Plan): ExportFiles {
  const ctx: Ctx = { plan, providers: new Map(), notExported: [] };
  const resources = plan.actions.flatMap((a) => blocksFor(ctx, a));
  const caller = callerAccountOf(plan);
  const providers: HclBlock[] = [...ctx.providers.entries()].map(([alias, { accountId, region }]) => ({
    type: 'provider',
    labels: ['aws'],
    attributes: [['alias', alias], ['region', region]],
    blocks:
      accountId === caller
        ? []
        : [{ type: 'assume_role', labels: [], attributes: [['role_arn', `arn:aws:iam::${accountId}:role/${plan.baseline.memberAccessRole}`]] }],
  }));
  // required_providers takes an object value; written by hand since the writer has no object literal
  const versionsText = `terraform {\n  required_version = ">= 1.5.0"\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 5.40"\n    }\n  }\n}\n`;
  const files: ExportFiles = {
    'versions.tf': versionsText,
    'providers.tf': providers.length > 0 ? renderHcl(providers) : '# no provider needed: the plan has nothing Terraform can own\n',
    'main.tf': resources.length > 0 ? renderHcl(resources) : '# nothing to export\n',
  };
  if (ctx.notExported.length > 0) files['NOT-EXPORTED.md'] = notExportedReadme(ctx.notExported, 'Terraform');
  return files;
}
