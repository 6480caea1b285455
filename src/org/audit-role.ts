// The audit role every member needs for `scan --org`, as deployable code: a service-managed CloudFormation StackSet
// (auto-deployed to the whole organization or chosen OUs, so new accounts get it too) and the Terraform that creates
// the same StackSet. The role trusts the scanning account (optionally with an ExternalId) and grants exactly the
// read-only actions the collectors declare — the same list `rampart iam-policy` prints.
import { allCollectorOperations } from '../collectors/run.ts';

export interface AuditRoleOptions {
  /** The role's name in every member (scan with `--role-name` set to it). */
  roleName: string;
  /** The account that runs the scan (management or delegated administrator); a template parameter when omitted. */
  trustedAccountId?: string;
  externalId?: string;
  /** Where StackSet instances go: the root id (whole organization) or OU ids; a parameter when omitted. */
  organizationalUnitIds?: string[];
  /** The Region the StackSet deploys its (global) IAM stack instances from. */
  region: string;
}

export const DEFAULT_AUDIT_ROLE_NAME = 'RampartAudit';

/** The per-member stack: the role and its inline least-privilege policy. Parameters come from the StackSet. */
function memberTemplate(): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Rampart read-only audit role (deployed by the RampartAuditRole StackSet)',
    Parameters: {
      RoleName: { Type: 'String' },
      TrustedAccountId: { Type: 'String' },
      ExternalId: { Type: 'String', Default: '' },
    },
    Conditions: { HasExternalId: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ExternalId' }, ''] }] } },
    Resources: {
      AuditRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: { Ref: 'RoleName' },
          Description: 'Read-only audit by Rampart from the scanning account',
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${TrustedAccountId}:root' } },
                Action: 'sts:AssumeRole',
                Condition: { 'Fn::If': ['HasExternalId', { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } }, { Ref: 'AWS::NoValue' }] },
              },
            ],
          },
          Policies: [
            {
              PolicyName: 'RampartReadOnlyAudit',
              PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'RampartReadOnlyAudit', Effect: 'Allow', Action: allCollectorOperations(), Resource: '*' }] },
            },
          ],
        },
      },
    },
    Outputs: { AuditRoleArn: { Value: { 'Fn::GetAtt': ['AuditRole', 'Arn'] } } },
  };
}

/** A CloudFormation template (JSON) for the management account: the service-managed StackSet with auto-deployment. */
export function cloudFormationTemplate(opts: AuditRoleOptions): string {
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'Rampart: deploys the read-only audit role to every member account through a service-managed StackSet (new accounts get it automatically)',
    Parameters: {
      RoleName: { Type: 'String', Default: opts.roleName, Description: 'pass the same name to `rampart scan --org --role-name`' },
      TrustedAccountId: {
        Type: 'String',
        AllowedPattern: '^\\d{12}$',
        Description: 'the account that runs `rampart scan --org` (management or delegated administrator)',
        ...(opts.trustedAccountId ? { Default: opts.trustedAccountId } : {}),
      },
      ExternalId: { Type: 'String', Default: opts.externalId ?? '', NoEcho: true, Description: 'optional; pass it to `rampart scan --external-id`' },
      OrganizationalUnitIds: {
        Type: 'CommaDelimitedList',
        Description: 'the root id (r-…) for the whole organization, or OU ids (ou-…)',
        ...(opts.organizationalUnitIds ? { Default: opts.organizationalUnitIds.join(',') } : {}),
      },
    },
    Resources: {
      AuditRoleStackSet: {
        Type: 'AWS::CloudFormation::StackSet',
        Properties: {
          StackSetName: 'RampartAuditRole',
          Description: 'Rampart read-only audit role in every member account',
          PermissionModel: 'SERVICE_MANAGED',
          AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
          Capabilities: ['CAPABILITY_NAMED_IAM'],
          ManagedExecution: { Active: true },
          OperationPreferences: { FailureTolerancePercentage: 10, MaxConcurrentPercentage: 50, RegionConcurrencyType: 'PARALLEL' },
          Parameters: [
            { ParameterKey: 'RoleName', ParameterValue: { Ref: 'RoleName' } },
            { ParameterKey: 'TrustedAccountId', ParameterValue: { Ref: 'TrustedAccountId' } },
            { ParameterKey: 'ExternalId', ParameterValue: { Ref: 'ExternalId' } },
          ],
          // IAM is global: one Region is enough
          StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: { Ref: 'OrganizationalUnitIds' } }, Regions: [opts.region] }],
          TemplateBody: JSON.stringify(memberTemplate()),
        },
      },
    },
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}

const hclString = (s: string) => JSON.stringify(s);
/** JSON is valid HCL object syntax, except that `${` would start an interpolation: `$${` keeps it literal. */
const hclJson = (v: unknown) => JSON.stringify(v, null, 2).replace(/\$\{/g, '$$${').replace(/\n/g, '\n  ');

/** The Terraform equivalent: the same StackSet and its organization-wide instances, from the management account. */
export function terraformTemplate(opts: AuditRoleOptions): string {
  const ous = opts.organizationalUnitIds;
  return `# Rampart: the read-only audit role in every member account, through a service-managed CloudFormation StackSet
# (auto-deployed: accounts that join the organization later get it too). Apply in the management account (or a
# delegated administrator for CloudFormation StackSets), then run:
#   rampart scan --org --role-name <role_name>${opts.externalId ? ' --external-id <external_id>' : ''}

terraform {
  required_providers {
    # 6.x names the instance's Region stack_set_instance_region
    aws = { source = "hashicorp/aws", version = ">= 6.0" }
  }
}

variable "role_name" {
  type    = string
  default = ${hclString(opts.roleName)}
}

variable "trusted_account_id" {
  type        = string
  description = "The account that runs rampart scan --org (management or delegated administrator)"${opts.trustedAccountId ? `\n  default     = ${hclString(opts.trustedAccountId)}` : ''}
}

variable "external_id" {
  type      = string
  default   = ${hclString(opts.externalId ?? '')}
  sensitive = true
}

variable "organizational_unit_ids" {
  type        = list(string)
  description = "The root id (r-...) for the whole organization, or OU ids (ou-...)"${ous ? `\n  default     = [${ous.map(hclString).join(', ')}]` : ''}
}

resource "aws_cloudformation_stack_set" "rampart_audit_role" {
  name             = "RampartAuditRole"
  description      = "Rampart read-only audit role in every member account"
  permission_model = "SERVICE_MANAGED"
  capabilities     = ["CAPABILITY_NAMED_IAM"]

  auto_deployment {
    enabled                          = true
    retain_stacks_on_account_removal = false
  }

  managed_execution {
    active = true
  }

  parameters = {
    RoleName         = var.role_name
    TrustedAccountId = var.trusted_account_id
    ExternalId       = var.external_id
  }

  template_body = jsonencode(${hclJson(memberTemplate())})

  lifecycle {
    ignore_changes = [administration_role_arn]
  }
}

resource "aws_cloudformation_stack_set_instance" "rampart_audit_role" {
  stack_set_name = aws_cloudformation_stack_set.rampart_audit_role.name
  # IAM is global: one Region is enough
  stack_set_instance_region = ${hclString(opts.region)}

  deployment_targets {
    organizational_unit_ids = var.organizational_unit_ids
  }
}
`;
}
