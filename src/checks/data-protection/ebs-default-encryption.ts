// ebs-default-encryption: EBS encryption by default is on in every scanned Region (controls.md 1.F).
// Regions whose EC2 data cannot be read and that are shown to be closed (regions.denied, an SCP in force) are not_applicable (helpers/regional.ts).
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'ebs-default-encryption',
    title: 'EBS encryption by default on in every Region',
    severity: 'medium',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'With encryption by default, every new EBS volume and snapshot copy in the Region is encrypted, so nobody has to remember it and an unencrypted snapshot cannot be shared by mistake.',
    remediation: {
      text: 'Turn on EBS encryption by default in the Region (optionally with a customer-managed KMS key). Existing volumes are not changed; new ones are encrypted.',
      cli: 'aws ec2 enable-ebs-encryption-by-default --region <region>',
      terraform: 'resource "aws_ebs_encryption_by_default" "main" {\n  enabled = true\n}',
    },
    references: ['https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html'],
    compliance: { cisAws3: ['2.2.1'], prowler: ['ec2_ebs_default_encryption'], sources: ['002'] },
    fixable: true,
    reads: ['regional.*.ec2.ebsEncryptionByDefault'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const resource = regionResource(region);
      const enabled = readInRegion(ctx, data.ec2.ebsEncryptionByDefault, 'the EBS encryption-by-default setting', region);
      if (!enabled.ok) {
        results.push(enabled.result);
        continue;
      }
      const evidence = { ebsEncryptionByDefault: enabled.value };
      results.push(
        enabled.value
          ? ctx.pass(resource, `EBS encryption by default is on in ${region}`, { region, evidence })
          : ctx.fail(resource, `EBS encryption by default is off in ${region}, so new volumes there are unencrypted unless each launch asks for encryption`, { region, evidence }),
      );
    }
    return results;
  },
});
