// kms-rotation: customer-managed symmetric KMS keys have automatic rotation on (controls.md 1.F).
// One result per eligible key; a Region with none gets one not_applicable; blocked Regions: helpers/regional.ts.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';

export default defineCheck({
  meta: {
    id: 'kms-rotation',
    title: 'Customer-managed symmetric KMS keys rotate',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsKmsKey',
    rationale:
      'Automatic rotation replaces the key material regularly while old ciphertext stays decryptable, which limits how much data any one piece of key material protects.',
    remediation: {
      text: 'Turn on automatic rotation for the key (yearly by default; a period between 90 and 2560 days can be set).',
      cli: 'aws kms enable-key-rotation --key-id <key-id> --region <region>',
      terraform: 'resource "aws_kms_key" "this" {\n  # ...\n  enable_key_rotation = true\n}',
    },
    references: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
    compliance: { cisAws3: ['3.6'], prowler: ['kms_cmk_rotation_enabled'], sources: ['001', '003'] },
    fixable: true,
    reads: ['regional.*.kms.keys'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const keys = readInRegion(ctx, data.kms.keys, 'the KMS key list', region);
      if (!keys.ok) {
        results.push(keys.result);
        continue;
      }
      let judged = 0;
      for (const k of keys.value) {
        const resource: ResourceRef = { type: 'AwsKmsKey', id: k.keyId, arn: k.arn };
        // Without DescribeKey we cannot tell whether the key is eligible, so it is an error, not a skip.
        if (!k.metadata.ok) {
          results.push(ctx.error(resource, k.metadata.error, `could not read the metadata of KMS key ${k.keyId}`, { region }));
          judged++;
          continue;
        }
        const m = k.metadata.value;
        const eligible = m.keyManager === 'CUSTOMER' && m.keySpec === 'SYMMETRIC_DEFAULT' && m.keyState === 'Enabled' && m.origin === 'AWS_KMS';
        if (!eligible) continue;
        judged++;
        if (!k.rotationEnabled.ok) {
          results.push(ctx.error(resource, k.rotationEnabled.error, `could not read the rotation status of KMS key ${k.keyId}`, { region }));
          continue;
        }
        if (k.rotationEnabled.value === null) {
          // The collector only skips GetKeyRotationStatus for ineligible keys; null on an eligible key means it was not asked.
          results.push(
            ctx.error(resource, {
              code: 'NotCollected',
              operation: 'kms:GetKeyRotationStatus',
              message: `the rotation status of eligible KMS key ${k.keyId} was not collected`,
              region,
            }, undefined, { region }),
          );
          continue;
        }
        const evidence = { ...m, keyRotationEnabled: k.rotationEnabled.value };
        results.push(
          k.rotationEnabled.value
            ? ctx.pass(resource, `KMS key ${k.keyId} has automatic rotation enabled`, { region, evidence })
            : ctx.fail(resource, `customer-managed KMS key ${k.keyId} does not rotate its key material automatically`, { region, evidence, remediationValues: { 'key-id': k.keyId } }),
        );
      }
      if (judged === 0) results.push(noneInRegion(ctx, region, 'customer-managed symmetric KMS keys eligible for rotation'));
    }
    return results;
  },
});
