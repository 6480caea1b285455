// ebs-snapshot-encrypted: every EBS snapshot the account owns is encrypted (controls.md 1.F). One result per
// snapshot; a Region without snapshots gets one not_applicable; unreadable Regions: helpers/regional.ts.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { resourcesByRegion } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'ebs-snapshot-encrypted',
    title: 'EBS snapshots are encrypted',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsEc2Snapshot',
    rationale:
      'An unencrypted snapshot holds a full copy of a disk in the clear and, unlike an encrypted one, can be shared publicly or with any account without a key grant.',
    remediation: {
      text: 'Copy the snapshot with encryption on (a customer-managed key if it will be shared), point backups and AMIs at the copy, then delete the unencrypted original. Turn on EBS encryption by default (ebs-default-encryption) so new snapshots are encrypted.',
      cli: 'aws ec2 copy-snapshot --source-snapshot-id <snapshot-id> --source-region <region> --encrypted --region <region>\naws ec2 delete-snapshot --snapshot-id <snapshot-id> --region <region>',
    },
    references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html'],
    compliance: { prowler: ['ec2_ebs_snapshots_encrypted'], sources: ['000'] },
    fixable: false,
    reads: ['regional.*.ebs.snapshots'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const { region, items: snapshots } of resourcesByRegion(ctx, results, (d) => d.ebs.snapshots, { list: 'the EBS snapshots owned by the account', none: 'EBS snapshots owned by the account' })) {
      for (const s of snapshots) {
        const resource: ResourceRef = { type: 'AwsEc2Snapshot', id: s.snapshotId };
        const evidence = { encrypted: s.encrypted, volumeId: s.volumeId, kmsKeyId: s.kmsKeyId, startTime: s.startTime };
        const of = s.volumeId ? ` (of volume ${s.volumeId})` : '';
        results.push(
          s.encrypted
            ? ctx.pass(resource, `EBS snapshot ${s.snapshotId} is encrypted`, { region, evidence })
            : ctx.fail(resource, `EBS snapshot ${s.snapshotId}${of} is not encrypted`, { region, evidence, remediationValues: { 'snapshot-id': s.snapshotId } }),
        );
      }
    }
    return results;
  },
});
