// ec2-imdsv2-required: every running or stopped instance, and the $Default and $Latest version of every launch
// template, requires IMDSv2 or has the metadata endpoint off (controls.md 1.H).
// One result per instance and per template version; a Region with neither gets one not_applicable; blocked
// Regions: helpers/regional.ts.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { Instance, LaunchTemplate, LaunchTemplateVersion } from '../../services/ec2/schema.ts';
import { defineCheck, type CheckContext } from '../define.ts';
import { noneInRegion, readInRegion, regionClosedFor } from '../helpers/regional.ts';

// Terminated instances cannot be started again; everything else (pending, running, stopping, stopped) can run.
const GONE = new Set(['terminated', 'shutting-down']);

/** An instance that runs or can be started again (the instances every EC2 instance check judges). */
export function isLiveInstance(i: Instance): boolean {
  return !GONE.has(i.state);
}

/**
 * This check's verdict on one instance, for the checks whose severity depends on it (ec2-instance-role-admin):
 * `unknown` when DescribeInstances did not say (no MetadataOptions, or no HttpTokens).
 */
export type InstanceImds = 'endpoint-disabled' | 'tokens-required' | 'imdsv1-allowed' | 'unknown';
export function instanceImds(i: Instance): InstanceImds {
  const mo = i.metadataOptions;
  if (mo === null) return 'unknown';
  if (mo.httpEndpoint === 'disabled') return 'endpoint-disabled';
  if (mo.httpTokens === 'required') return 'tokens-required';
  return mo.httpTokens === null ? 'unknown' : 'imdsv1-allowed';
}

function versionLabel(v: LaunchTemplateVersion): string {
  if (v.isDefault && v.isLatest) return '$Default and $Latest';
  return v.isDefault ? '$Default' : '$Latest';
}

function templateLabel(t: LaunchTemplate): string {
  return t.launchTemplateName === t.launchTemplateId ? t.launchTemplateId : `${t.launchTemplateName} (${t.launchTemplateId})`;
}

/**
 * A launch template version is judged on what it sets. Unlike DescribeInstances, which always reports the
 * effective options, a template that leaves MetadataOptions (or HttpTokens) out says nothing, and an instance
 * launched from it gets the account default or the AMI's setting, which allow IMDSv1 unless someone changed them.
 * So "not set" is a known fact about the template, and it fails: the template does not require IMDSv2.
 */
// The two fixes, one per resource kind: each finding carries only its own, with its ids filled in.
const INSTANCE_CLI = 'aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled --region <region>';
const TEMPLATE_CLI =
  '# launch template: a new version requiring IMDSv2, then make it the default\naws ec2 create-launch-template-version --launch-template-id <lt-id> --source-version <version> --launch-template-data \'{"MetadataOptions":{"HttpTokens":"required","HttpEndpoint":"enabled"}}\' --region <region>\naws ec2 modify-launch-template --launch-template-id <lt-id> --default-version <new-version> --region <region>';

function judgeTemplate<O>(ctx: CheckContext<O>, t: LaunchTemplate, region: string): CheckResult[] {
  const arn = `arn:aws:ec2:${region}:${ctx.account.accountId}:launch-template/${t.launchTemplateId}`;
  if (t.versions.length === 0) {
    // only when the template changed between the two calls
    const resource: ResourceRef = { type: 'AwsEc2LaunchTemplate', id: `${t.launchTemplateId}:$Default`, arn };
    const error = {
      code: 'ParseError' as const,
      operation: 'ec2:DescribeLaunchTemplateVersions',
      message: `DescribeLaunchTemplateVersions returned neither the $Default nor the $Latest version of launch template ${t.launchTemplateId}`,
      region,
    };
    return [ctx.error(resource, error, undefined, { region })];
  }
  return t.versions.map((v) => {
    const resource: ResourceRef = { type: 'AwsEc2LaunchTemplate', id: `${t.launchTemplateId}:${v.versionNumber}`, arn };
    const which = `launch template ${templateLabel(t)} version ${v.versionNumber} (${versionLabel(v)})`;
    const mo = v.metadataOptions;
    const evidence = {
      launchTemplateId: t.launchTemplateId,
      launchTemplateName: t.launchTemplateName,
      versionNumber: v.versionNumber,
      isDefault: v.isDefault,
      isLatest: v.isLatest,
      httpTokens: mo?.httpTokens ?? null,
      httpEndpoint: mo?.httpEndpoint ?? null,
    };
    if (mo?.httpEndpoint === 'disabled') return ctx.pass(resource, `${which} disables the instance metadata endpoint`, { region, evidence });
    if (mo?.httpTokens === 'required') return ctx.pass(resource, `${which} requires IMDSv2 session tokens`, { region, evidence });
    // an explicit HttpTokens wins over the AMI and account defaults; an unset one leaves the choice to them
    const why =
      mo === null
        ? 'sets no metadata options, so instances launched from it accept IMDSv1 unless the AMI or the account default requires tokens'
        : mo.httpTokens === null
          ? 'sets metadata options without HttpTokens, so instances launched from it accept IMDSv1 unless the AMI or the account default requires tokens'
          : `sets HttpTokens ${mo.httpTokens}, so instances launched from it accept IMDSv1`;
    return ctx.fail(resource, `${which} does not require IMDSv2: it ${why}, and an SSRF flaw on them can steal their role credentials`, {
      region,
      evidence,
      remediation: { cli: TEMPLATE_CLI },
      remediationValues: { 'lt-id': t.launchTemplateId, version: String(v.versionNumber) },
    });
  });
}

export default defineCheck({
  meta: {
    id: 'ec2-imdsv2-required',
    title: 'Instances and launch templates require IMDSv2',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsEc2Instance',
    rationale:
      'IMDSv1 answers any plain GET, so an SSRF bug or open proxy on the instance hands out its role credentials; IMDSv2 requires a session token obtained with a PUT, which those attacks cannot send. A launch template that does not require it keeps producing such instances.',
    remediation: {
      text: 'Require IMDSv2 on the instance (check first that its software uses a current AWS SDK or CLI; the CloudWatch metric MetadataNoToken shows remaining IMDSv1 calls). For a launch template, create a version that sets MetadataOptions HttpTokens=required and make it the default. Set the account-wide default too (EC2 ModifyInstanceMetadataDefaults with HttpTokens=required) so new instances start with it.',
      cli: `${INSTANCE_CLI}\n${TEMPLATE_CLI}`,
      terraform:
        'resource "aws_instance" "this" {\n  # ...\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "required"\n  }\n}\n\nresource "aws_launch_template" "this" {\n  # ...\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "required"\n  }\n}',
    },
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-transition-to-version-2.html',
    ],
    compliance: { cisAws3: ['5.6'], prowler: ['ec2_instance_imdsv2_enabled', 'ec2_launch_template_imdsv2_required'], sources: ['000'] },
    fixable: true,
    reads: ['regional.*.ec2.instances', 'regional.*.ec2.launchTemplates'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const instances = readInRegion(ctx, data.ec2.instances, 'EC2 instances', region);
      const templates = readInRegion(ctx, data.ec2.launchTemplates, 'EC2 launch templates', region);
      if (!instances.ok) results.push(instances.result);
      if (!templates.ok) {
        // a Region shown closed for both calls needs one not_applicable, not two
        const bothClosed =
          !data.ec2.instances.ok &&
          !data.ec2.launchTemplates.ok &&
          regionClosedFor(ctx, region, data.ec2.instances.error) !== undefined &&
          regionClosedFor(ctx, region, data.ec2.launchTemplates.error) !== undefined;
        if (!bothClosed) results.push(templates.result);
      }
      const live = instances.ok ? instances.value.filter(isLiveInstance) : [];
      const templateList = templates.ok ? templates.value : [];
      if (instances.ok && templates.ok && live.length === 0 && templateList.length === 0) {
        results.push(noneInRegion(ctx, region, 'running or stopped EC2 instances or launch templates'));
        continue;
      }
      for (const i of live) {
        const resource: ResourceRef = { type: 'AwsEc2Instance', id: i.instanceId };
        const mo = i.metadataOptions;
        const unknown = (what: string) =>
          ctx.error(resource, { code: 'ParseError', operation: 'ec2:DescribeInstances', message: `DescribeInstances returned ${what} for instance ${i.instanceId}`, region }, undefined, {
            region,
          });
        const state = instanceImds(i);
        if (mo === null) {
          results.push(unknown('no MetadataOptions'));
          continue;
        }
        const evidence = { state: i.state, httpTokens: mo.httpTokens, httpEndpoint: mo.httpEndpoint };
        if (state === 'endpoint-disabled') {
          results.push(ctx.pass(resource, `instance ${i.instanceId} has the instance metadata endpoint disabled`, { region, evidence }));
        } else if (state === 'tokens-required') {
          results.push(ctx.pass(resource, `instance ${i.instanceId} requires IMDSv2 session tokens`, { region, evidence }));
        } else if (state === 'unknown') {
          results.push(unknown('MetadataOptions without HttpTokens'));
        } else {
          results.push(
            ctx.fail(resource, `${i.state} instance ${i.instanceId} accepts IMDSv1 (HttpTokens ${mo.httpTokens}), so an SSRF flaw on it can steal its role credentials`, {
              region,
              evidence,
              remediation: { cli: INSTANCE_CLI },
              remediationValues: { 'instance-id': i.instanceId },
            }),
          );
        }
      }
      for (const t of templateList) results.push(...judgeTemplate(ctx, t, region));
    }
    return results;
  },
});
