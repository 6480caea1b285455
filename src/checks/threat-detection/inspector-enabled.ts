// inspector-enabled: Amazon Inspector scans EC2 and Lambda (and ECR when configured) in every scanned Region
// (controls.md 1.E). One result per Region.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

export interface InspectorEnabledOptions {
  /** Also require ECR image scanning (accounts that push container images). */
  requireEcr: boolean;
}

export default defineCheck<InspectorEnabledOptions>({
  meta: {
    id: 'inspector-enabled',
    title: 'Amazon Inspector scanning EC2, ECR and Lambda (OS patches, library CVEs, network reachability)',
    severity: 'medium',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'Inspector continuously finds missing OS patches, vulnerable libraries and unintended network reachability on instances, functions and images; without it known CVEs stay in production until someone looks by hand.',
    remediation: {
      text: 'Activate Inspector for EC2 and Lambda (and ECR where images are built) in every Region; in an organization, do it for all members from the Inspector delegated administrator. Scanning is billed per resource.',
      cli: 'aws inspector2 enable --resource-types EC2 LAMBDA ECR --region <region>',
      terraform: 'resource "aws_inspector2_enabler" "this" {\n  account_ids    = ["<account-id>"]\n  resource_types = ["EC2", "LAMBDA", "ECR"]\n}',
    },
    references: ['https://docs.aws.amazon.com/inspector/latest/user/getting_started_tutorial.html', 'https://docs.aws.amazon.com/inspector/v2/APIReference/API_BatchGetAccountStatus.html'],
    compliance: { prowler: ['inspector2_is_enabled'], sources: ['001', '003'] },
    fixable: true,
    reads: ['regional.*.inspector2.accountStatus'],
  },
  defaultOptions: { requireEcr: false },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const status = readInRegion(ctx, data.inspector2.accountStatus, 'the Amazon Inspector account status', region);
      if (!status.ok) {
        results.push(status.result);
        continue;
      }
      const s = status.value;
      const wanted: Array<[string, string | null]> = [
        ['EC2', s.ec2],
        ['LAMBDA', s.lambda],
        ...(ctx.options.requireEcr ? ([['ECR', s.ecr]] as Array<[string, string | null]>) : []),
      ];
      const off = wanted.filter(([, v]) => v !== 'ENABLED');
      const evidence = { ...s };
      const resource = regionResource(region);
      if (off.length > 0) {
        results.push(
          ctx.fail(resource, `Amazon Inspector in ${region} is ${s.state}; not scanning ${off.map(([t, v]) => `${t} (${v ?? 'not reported'})`).join(', ')}`, {
            region,
            evidence,
            remediation: { cli: `aws inspector2 enable --resource-types ${off.map(([t]) => t).join(' ')} --region <region>` },
          }),
        );
        continue;
      }
      results.push(ctx.pass(resource, `Amazon Inspector in ${region} scans ${wanted.map(([t]) => t).join(', ')}${!ctx.options.requireEcr ? ` (ECR ${s.ecr ?? 'not reported'})` : ''}`, { region, evidence }));
    }
    return results;
  },
});
