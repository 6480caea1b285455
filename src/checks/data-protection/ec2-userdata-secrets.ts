// ec2-userdata-secrets: no secret in the user data of an instance, of a launch template's $Default/$Latest version or
// of an Auto Scaling launch configuration (controls.md 1.F). The collectors decoded (base64, gzip, MIME parts) and
// scanned the user data and kept only the verdicts. One result per instance, template version and launch
// configuration; a Region with none of them gets one not_applicable.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { Collected } from '../../inventory/collected.ts';
import type { SecretMatch } from '../../secrets/schema.ts';
import type { UserDataTemplateVersion } from '../../services/ec2-userdata/schema.ts';
import { defineCheck, type CheckContext } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';
import { DETECTOR_RULES, describeSecretMatches, secretEvidence } from '../helpers/secrets.ts';

const INSTANCE_CLI = '# stop the instance, then replace its user data with a script that reads the secret at boot\naws ec2 modify-instance-attribute --instance-id <instance-id> --attribute userData --value file://userdata-without-secrets.sh --region <region>';
const TEMPLATE_CLI =
  '# a new launch template version without the secret, made the default\naws ec2 create-launch-template-version --launch-template-id <lt-id> --source-version <version> --launch-template-data file://data-without-secrets.json --region <region>\naws ec2 modify-launch-template --launch-template-id <lt-id> --default-version <new-version> --region <region>';

const LAUNCH_CONFIGURATION_CLI =
  '# launch configurations cannot be changed: move the Auto Scaling groups that use it to a launch template (or a new configuration) without the secret, then delete it\naws autoscaling update-auto-scaling-group --auto-scaling-group-name <asg-name> --launch-template LaunchTemplateId=<launch-template-id>,Version=\'$Default\' --region <region>\naws autoscaling delete-launch-configuration --launch-configuration-name <launch-configuration-name> --region <region>';

function versionLabel(v: UserDataTemplateVersion): string {
  if (v.isDefault && v.isLatest) return '$Default and $Latest';
  return v.isDefault ? '$Default' : '$Latest';
}

function judge<O>(
  ctx: CheckContext<O>,
  resource: ResourceRef,
  what: string,
  secrets: Collected<SecretMatch[] | null>,
  region: string,
  fix: { cli: string; values: Record<string, string> },
): CheckResult {
  if (!secrets.ok) return ctx.error(resource, secrets.error, `could not read the user data of ${what}`, { region });
  if (secrets.value === null) return ctx.pass(resource, `${what} has no user data`, { region });
  if (secrets.value.length === 0) return ctx.pass(resource, `the user data of ${what} holds no detectable secret`, { region });
  return ctx.fail(resource, `the user data of ${what} holds what looks like a secret: ${describeSecretMatches(secrets.value)}`, {
    region,
    evidence: secretEvidence(secrets.value),
    remediation: { cli: fix.cli },
    remediationValues: fix.values,
  });
}

export default defineCheck({
  meta: {
    id: 'ec2-userdata-secrets',
    title: 'No secrets in EC2 user data or launch templates',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsEc2Instance',
    rationale:
      'User data is readable by anyone allowed ec2:DescribeInstanceAttribute or ec2:DescribeLaunchTemplateVersions, and by every process on the instance through the metadata service, so a key or password written there leaks beyond the boot script that needs it.',
    remediation: {
      text: `Keep secrets out of user data: store them in AWS Secrets Manager or an SSM SecureString parameter and have the boot script fetch them with the instance role. Replace the user data (instances must be stopped) or publish a launch template version without the secret and make it the default (launch configurations cannot be changed: move their Auto Scaling groups to a clean launch template and delete them), then rotate the exposed credential. Detectors: ${DETECTOR_RULES}.`,
      cli: `${INSTANCE_CLI}\n${TEMPLATE_CLI}`,
      terraform:
        'resource "aws_launch_template" "this" {\n  # ...\n  user_data = base64encode(<<-EOT\n    #!/bin/bash\n    DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id prod/db --query SecretString --output text)\n  EOT\n  )\n}',
    },
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html',
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets.html',
      'https://docs.aws.amazon.com/autoscaling/ec2/userguide/launch-configurations.html',
    ],
    compliance: { prowler: ['ec2_instance_secrets_user_data', 'ec2_launch_template_no_secrets', 'autoscaling_find_secrets_ec2_launch_configuration'], sources: ['003'] },
    fixable: false,
    reads: ['regional.*.ec2UserData.instances', 'regional.*.ec2UserData.launchTemplateVersions', 'regional.*.autoscaling.launchConfigurations'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const instances = readInRegion(ctx, data.ec2UserData.instances, 'EC2 instances', region);
      const versions = readInRegion(ctx, data.ec2UserData.launchTemplateVersions, 'EC2 launch template versions', region);
      const configurations = readInRegion(ctx, data.autoscaling.launchConfigurations, 'Auto Scaling launch configurations', region);
      const unread = [instances, versions, configurations].flatMap((r) => (r.ok ? [] : [r.result]));
      // one not_applicable for a Region closed to every read that failed
      if (unread.length > 0 && unread.every((r) => r.status === 'not_applicable')) results.push(unread[0]!);
      else results.push(...unread);
      if (instances.ok && versions.ok && configurations.ok && instances.value.length === 0 && versions.value.length === 0 && configurations.value.length === 0) {
        results.push(noneInRegion(ctx, region, 'EC2 instances, launch templates or launch configurations'));
        continue;
      }
      for (const i of instances.ok ? instances.value : []) {
        const resource: ResourceRef = { type: 'AwsEc2Instance', id: i.instanceId };
        results.push(judge(ctx, resource, `${i.state} instance ${i.instanceId}`, i.userDataSecrets, region, { cli: INSTANCE_CLI, values: { 'instance-id': i.instanceId } }));
      }
      for (const v of versions.ok ? versions.value : []) {
        const arn = `arn:aws:ec2:${region}:${ctx.account.accountId}:launch-template/${v.launchTemplateId}`;
        const resource: ResourceRef = { type: 'AwsEc2LaunchTemplate', id: `${v.launchTemplateId}:${v.versionNumber}`, arn };
        const name = v.launchTemplateName === v.launchTemplateId ? v.launchTemplateId : `${v.launchTemplateName} (${v.launchTemplateId})`;
        results.push(
          judge(ctx, resource, `launch template ${name} version ${v.versionNumber} (${versionLabel(v)})`, v.userDataSecrets, region, {
            cli: TEMPLATE_CLI,
            values: { 'lt-id': v.launchTemplateId, version: String(v.versionNumber) },
          }),
        );
      }
      for (const c of configurations.ok ? configurations.value : []) {
        const resource: ResourceRef = { type: 'AwsAutoScalingLaunchConfiguration', id: c.name, arn: c.arn };
        results.push(
          judge(ctx, resource, `launch configuration ${c.name}`, c.userDataSecrets, region, { cli: LAUNCH_CONFIGURATION_CLI, values: { 'launch-configuration-name': c.name } }),
        );
      }
    }
    return results;
  },
});
