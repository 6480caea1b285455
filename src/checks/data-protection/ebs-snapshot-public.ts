// ebs-snapshot-public: no EBS snapshot the account owns is public (createVolumePermission group "all"), and sharing
// with accounts outside the organization is called out (controls.md 1.F).
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { organizationAccounts, outsideOrganization } from '../helpers/organization.ts';
import { resourcesByRegion } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'ebs-snapshot-public',
    title: 'No EBS snapshot is public',
    severity: 'critical',
    scope: 'resource',
    resourceType: 'AwsEc2Snapshot',
    rationale:
      'Anyone in any AWS account can create a volume from a public snapshot and read the whole disk: files, databases, keys and credentials left on it.',
    remediation: {
      text: 'Remove the public ("all") create-volume permission from the snapshot, and share it with named accounts only when needed. Turn on block public access for snapshots (ebs-snapshot-bpa) so snapshots cannot be made public again.',
      cli: 'aws ec2 modify-snapshot-attribute --snapshot-id <snapshot-id> --attribute createVolumePermission --operation-type remove --group-names all --region <region>',
    },
    references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html'],
    compliance: { prowler: ['ec2_ebs_public_snapshot'], sources: ['000'] },
    fixable: true,
    reads: ['regional.*.ebs.snapshots', 'regional.*.ebs.snapshotBlockPublicAccess', 'organizations.organization', 'organizations.structure'],
  },
  evaluate(ctx) {
    const own = ctx.account.accountId;
    const org = organizationAccounts(ctx);
    const results: CheckResult[] = [];
    for (const { region, data, items: snapshots } of resourcesByRegion(ctx, results, (d) => d.ebs.snapshots, { list: 'the EBS snapshots owned by the account', none: 'EBS snapshots owned by the account' })) {
      const bpa = data.ebs.snapshotBlockPublicAccess;
      for (const s of snapshots) {
        const resource: ResourceRef = { type: 'AwsEc2Snapshot', id: s.snapshotId };
        if (!s.createVolumePermissions.ok) {
          results.push(ctx.error(resource, s.createVolumePermissions.error, `could not read who may create volumes from snapshot ${s.snapshotId}`, { region }));
          continue;
        }
        const perms = s.createVolumePermissions.value;
        const users = [...new Set(perms.flatMap((p) => (p.userId === null ? [] : [p.userId])))].sort();
        const evidence = { createVolumePermissions: perms, snapshotBlockPublicAccess: bpa.ok ? bpa.value : 'unreadable' };
        if (perms.some((p) => p.group === 'all')) {
          // The permission is what the row judges; block-all-sharing only hides it while that setting stays on.
          const note = bpa.ok && bpa.value === 'block-all-sharing' ? ' (block public access for snapshots is block-all-sharing in this Region, so it is treated as private while that setting stays on)' : '';
          results.push(
            ctx.fail(resource, `EBS snapshot ${s.snapshotId} is public: anyone can create a volume from it${note}`, {
              region,
              severity: 'critical',
              evidence,
              remediationValues: { 'snapshot-id': s.snapshotId },
            }),
          );
          continue;
        }
        const outside = users.filter((u) => outsideOrganization(org, own, u) === true);
        const unknown = users.filter((u) => outsideOrganization(org, own, u) === undefined);
        if (unknown.length > 0 && org.kind === 'unknown') {
          results.push(
            ctx.error(resource, org.error, `EBS snapshot ${s.snapshotId} is shared with account(s) ${unknown.join(', ')}, and whether they are in the organization is unknown: its account list could not be read`, {
              region,
              evidence,
            }),
          );
          continue;
        }
        if (outside.length > 0) {
          results.push(ctx.warn(resource, `EBS snapshot ${s.snapshotId} is shared with account(s) outside the organization: ${outside.join(', ')}`, { region, evidence }));
          continue;
        }
        const shared = users.filter((u) => u !== own);
        const message = shared.length > 0 ? `EBS snapshot ${s.snapshotId} is not public; it is shared only within the organization (${shared.join(', ')})` : `EBS snapshot ${s.snapshotId} is not public or shared`;
        results.push(ctx.pass(resource, message, { region, evidence }));
      }
    }
    return results;
  },
});
