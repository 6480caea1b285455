// ebs-volume-encrypted: every existing EBS volume is encrypted (controls.md 1.F). One result per volume; a Region
// without volumes gets one not_applicable; unreadable Regions: helpers/regional.ts.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { resourcesByRegion } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'ebs-volume-encrypted',
    title: 'Existing EBS volumes are encrypted',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsEc2Volume',
    rationale:
      'An unencrypted volume, and every snapshot taken of it, stores its data in the clear; encryption by default only protects volumes created after it was turned on (see ebs-default-encryption).',
    remediation: {
      text: 'Volumes cannot be encrypted in place: snapshot the volume, copy the snapshot with encryption on, create a volume from the encrypted copy and swap it in (stop the instance or use a maintenance window), then delete the unencrypted volume and snapshots.',
      cli: 'aws ec2 create-snapshot --volume-id <volume-id> --region <region>\naws ec2 copy-snapshot --source-snapshot-id <snapshot-id> --source-region <region> --encrypted --region <region>',
    },
    references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
    compliance: { cisAws3: ['2.2.1'], prowler: ['ec2_ebs_volume_encryption'], sources: ['002', '003'] },
    fixable: false,
    reads: ['regional.*.ebs.volumes'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const { region, items: volumes } of resourcesByRegion(ctx, results, (d) => d.ebs.volumes, { list: 'the EBS volumes', none: 'EBS volumes' })) {
      for (const v of volumes) {
        const resource: ResourceRef = { type: 'AwsEc2Volume', id: v.volumeId };
        const evidence = { encrypted: v.encrypted, state: v.state, kmsKeyId: v.kmsKeyId, instanceIds: v.instanceIds };
        const attached = v.instanceIds.length > 0 ? ` (attached to ${v.instanceIds.join(', ')})` : '';
        results.push(
          v.encrypted
            ? ctx.pass(resource, `EBS volume ${v.volumeId} is encrypted`, { region, evidence })
            : ctx.fail(resource, `EBS volume ${v.volumeId}${attached} is not encrypted`, { region, evidence, remediationValues: { 'volume-id': v.volumeId } }),
        );
      }
    }
    return results;
  },
});
