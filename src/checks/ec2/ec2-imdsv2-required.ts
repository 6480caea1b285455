// ec2-imdsv2-required: every running or stopped instance requires IMDSv2 or has the metadata endpoint off (controls.md 1.H).
// One result per instance; a Region with none gets one not_applicable; blocked Regions: helpers/regional.ts.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';

// Terminated instances cannot be started again; everything else (pending, running, stopping, stopped) can run.
const GONE = new Set(['terminated', 'shutting-down']);

export default defineCheck({
  meta: {
    id: 'ec2-imdsv2-required',
    title: 'Instances require IMDSv2',
    severity: 'high',
    scope: 'resource',
    resourceType: 'AwsEc2Instance',
    rationale:
      'IMDSv1 answers any plain GET, so an SSRF bug or open proxy on the instance hands out its role credentials; IMDSv2 requires a session token obtained with a PUT, which those attacks cannot send.',
    remediation: {
      text: 'Require IMDSv2 on the instance (check first that its software uses a current AWS SDK or CLI; the CloudWatch metric MetadataNoToken shows remaining IMDSv1 calls). Set the account default with ec2-imdsv2-account-default so new instances start with it.',
      cli: 'aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled --region <region>',
      terraform: 'resource "aws_instance" "this" {\n  # ...\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "required"\n  }\n}',
    },
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-transition-to-version-2.html',
    ],
    compliance: { cisAws3: ['5.6'], prowler: ['ec2_instance_imdsv2_enabled', 'ec2_launch_template_imdsv2_required'], sources: ['000'] },
    fixable: true,
    reads: ['regional.*.ec2.instances'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const instances = readInRegion(ctx, data.ec2.instances, 'EC2 instances', region);
      if (!instances.ok) {
        results.push(instances.result);
        continue;
      }
      const live = instances.value.filter((i) => !GONE.has(i.state));
      if (live.length === 0) {
        results.push(noneInRegion(ctx, region, 'running or stopped EC2 instances'));
        continue;
      }
      for (const i of live) {
        const resource: ResourceRef = { type: 'AwsEc2Instance', id: i.instanceId };
        const mo = i.metadataOptions;
        const unknown = (what: string) =>
          ctx.error(resource, { code: 'ParseError', operation: 'ec2:DescribeInstances', message: `DescribeInstances returned ${what} for instance ${i.instanceId}`, region }, undefined, {
            region,
          });
        if (mo === null) {
          results.push(unknown('no MetadataOptions'));
          continue;
        }
        const evidence = { state: i.state, httpTokens: mo.httpTokens, httpEndpoint: mo.httpEndpoint };
        if (mo.httpEndpoint === 'disabled') {
          results.push(ctx.pass(resource, `instance ${i.instanceId} has the instance metadata endpoint disabled`, { region, evidence }));
        } else if (mo.httpTokens === 'required') {
          results.push(ctx.pass(resource, `instance ${i.instanceId} requires IMDSv2 session tokens`, { region, evidence }));
        } else if (mo.httpTokens === null) {
          results.push(unknown('MetadataOptions without HttpTokens'));
        } else {
          results.push(
            ctx.fail(resource, `${i.state} instance ${i.instanceId} accepts IMDSv1 (HttpTokens ${mo.httpTokens}), so an SSRF flaw on it can steal its role credentials`, {
              region,
              evidence,
            }),
          );
        }
      }
    }
    return results;
  },
});
