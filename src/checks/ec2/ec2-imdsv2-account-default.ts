// ec2-imdsv2-account-default: the Region's account-level instance-metadata default requires IMDSv2 (HttpTokens
// required) (controls.md 1.H). One result per Region.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'ec2-imdsv2-account-default',
    title: 'Account-level instance-metadata default requires IMDSv2',
    severity: 'medium',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'The account default applies to every instance launched without explicit metadata options (consoles, scripts, old templates); requiring IMDSv2 there means a new instance cannot hand its role credentials to an SSRF request by mistake.',
    remediation: {
      text: 'Set the account-level default to HttpTokens=required with a hop limit of 2 (containers need the second hop) in every Region, or enforce it for the organization with an EC2 declarative policy. Instances that already run keep their settings (see ec2-imdsv2-required).',
      cli: 'aws ec2 modify-instance-metadata-defaults --http-tokens required --http-put-response-hop-limit 2 --region <region>',
      terraform: 'resource "aws_ec2_instance_metadata_defaults" "this" {\n  http_tokens                 = "required"\n  http_put_response_hop_limit = 2\n}',
    },
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html#set-imdsv2-account-defaults',
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetInstanceMetadataDefaults.html',
    ],
    compliance: { prowler: ['ec2_instance_account_imdsv2_enabled'], sources: ['000', '002'] },
    fixable: true,
    reads: ['regional.*.ec2.instanceMetadataDefaults'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const defaults = readInRegion(ctx, data.ec2.instanceMetadataDefaults, 'the account-level instance metadata defaults', region);
      if (!defaults.ok) {
        results.push(defaults.result);
        continue;
      }
      const d = defaults.value;
      const resource = regionResource(region);
      const evidence = { accountLevel: d };
      if (d?.httpTokens === 'required') {
        results.push(ctx.pass(resource, `new instances in ${region} require IMDSv2 by default${d.managedBy === 'declarative-policy' ? ' (set by a declarative policy)' : ''}`, { region, evidence }));
        continue;
      }
      const why = d === null ? 'no account-level default is set' : d.httpTokens === null ? 'the account-level default leaves HttpTokens unset' : `the account-level default sets HttpTokens ${d.httpTokens}`;
      results.push(ctx.fail(resource, `${why} in ${region}, so instances launched without metadata options accept IMDSv1 unless their AMI requires tokens`, { region, evidence }));
    }
    return results;
  },
});
