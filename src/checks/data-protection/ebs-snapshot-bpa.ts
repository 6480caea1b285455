// ebs-snapshot-bpa: block public access for EBS snapshots is "block all sharing" in every scanned Region
// (controls.md 1.F): block-new-sharing warns (existing public snapshots stay public), unblocked fails.
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'ebs-snapshot-bpa',
    title: 'Block public access for EBS snapshots = block all sharing',
    severity: 'medium',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'With block public access set to block all sharing, no snapshot in the Region can be public, including ones shared publicly before; block new sharing only stops new public shares.',
    remediation: {
      text: 'Set block public access for EBS snapshots to block-all-sharing in the Region (or for the organization with an EC2 declarative policy). Snapshots that are public now become private.',
      cli: 'aws ec2 enable-snapshot-block-public-access --state block-all-sharing --region <region>',
      terraform: 'resource "aws_ebs_snapshot_block_public_access" "this" {\n  state = "block-all-sharing"\n}',
    },
    references: ['https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html'],
    compliance: { prowler: ['ec2_ebs_snapshot_account_block_public_access'], sources: ['000', '002'] },
    fixable: true,
    reads: ['regional.*.ebs.snapshotBlockPublicAccess'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const resource = regionResource(region);
      const state = readInRegion(ctx, data.ebs.snapshotBlockPublicAccess, 'the block public access state for EBS snapshots', region);
      if (!state.ok) {
        results.push(state.result);
        continue;
      }
      const evidence = { state: state.value };
      const extra = { region, evidence, remediationValues: { region } };
      switch (state.value) {
        case 'block-all-sharing':
          results.push(ctx.pass(resource, `block public access for EBS snapshots is block-all-sharing in ${region}`, { region, evidence }));
          break;
        case 'block-new-sharing':
          results.push(ctx.warn(resource, `block public access for EBS snapshots is block-new-sharing in ${region}: snapshots shared publicly before stay public`, extra));
          break;
        case 'unblocked':
          results.push(ctx.fail(resource, `block public access for EBS snapshots is off (unblocked) in ${region}, so any snapshot can be made public`, extra));
          break;
        default:
          results.push(
            ctx.error(resource, { code: 'ParseError', operation: 'ec2:GetSnapshotBlockPublicAccessState', message: `unknown block public access state "${state.value}"`, region }, undefined, { region, evidence }),
          );
      }
    }
    return results;
  },
});
