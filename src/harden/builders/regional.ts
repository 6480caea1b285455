// Per-Region account defaults and per-resource safe fixes: EBS encryption by default, KMS key rotation, trail log
// file validation, an IAM Access Analyzer, and the paid opt-ins GuardDuty and Security Hub.
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import { emptyOutput, makeAction, scannedRegions, type BuildOutput, type PlanContext } from '../plan-context.ts';

export function ebsEncryptionBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  if (!ctx.baseline.accountDefaults.ebsEncryptionByDefault) return out;
  for (const region of scannedRegions(account)) {
    const current = account.regional[region]!.ec2.ebsEncryptionByDefault;
    if (!current.ok || current.value) continue;
    out.actions.push(
      makeAction({
        kind: 'ec2.ebs-encryption-default',
        target: 'ebs-encryption-by-default',
        title: `Turn on EBS encryption by default in ${account.accountId} ${region}`,
        accountId: account.accountId,
        region,
        checkIds: ['ebs-default-encryption'],
        calls: [{ service: 'ec2', operation: 'EnableEbsEncryptionByDefault', params: {} }],
        permissions: ['ec2:EnableEbsEncryptionByDefault', 'ec2:GetEbsEncryptionByDefault', 'ec2:DisableEbsEncryptionByDefault'],
        before: false,
        after: true,
        rollback: { possible: true, how: 'DisableEbsEncryptionByDefault' },
        notes: ['applies to volumes created from now on; existing volumes stay as they are (see ebs-volume-encrypted)'],
      }),
    );
  }
  return out;
}

export function kmsRotationBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  if (!ctx.baseline.accountDefaults.kmsKeyRotation) return out;
  for (const region of scannedRegions(account)) {
    const keys = account.regional[region]!.kms.keys;
    if (!keys.ok) continue;
    for (const k of keys.value) {
      // the same eligibility as kms-rotation: customer-managed, symmetric, enabled, KMS-generated material
      if (!k.metadata.ok || !k.rotationEnabled.ok || k.rotationEnabled.value !== false) continue;
      const m = k.metadata.value;
      if (m.keyManager !== 'CUSTOMER' || m.keySpec !== 'SYMMETRIC_DEFAULT' || m.keyState !== 'Enabled' || m.origin !== 'AWS_KMS') continue;
      out.actions.push(
        makeAction({
          kind: 'kms.key-rotation',
          target: k.keyId,
          title: `Turn on automatic rotation of KMS key ${k.keyId} in ${account.accountId} ${region}`,
          accountId: account.accountId,
          region,
          checkIds: ['kms-rotation'],
          calls: [{ service: 'kms', operation: 'EnableKeyRotation', params: { KeyId: k.keyId } }],
          permissions: ['kms:EnableKeyRotation', 'kms:GetKeyRotationStatus', 'kms:DisableKeyRotation'],
          before: false,
          after: true,
          rollback: { possible: true, how: 'DisableKeyRotation' },
          details: { keyArn: k.arn },
        }),
      );
    }
  }
  return out;
}

export function trailValidationBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  if (!ctx.baseline.accountDefaults.trailLogFileValidation) return out;
  for (const region of scannedRegions(account)) {
    const trails = account.regional[region]!.cloudtrail.trails;
    if (!trails.ok) continue;
    // A trail is changed in its home Region by the account that owns it; shadow copies elsewhere are the same trail.
    for (const t of trails.value) {
      if (t.homeRegion !== region || t.logFileValidationEnabled || !t.arn.includes(`:${account.accountId}:`)) continue;
      out.actions.push(
        makeAction({
          kind: 'cloudtrail.log-validation',
          target: t.name,
          title: `Turn on log file integrity validation of trail ${t.name} in ${account.accountId}`,
          accountId: account.accountId,
          region,
          checkIds: ['cloudtrail-log-validation'],
          calls: [{ service: 'cloudtrail', operation: 'UpdateTrail', params: { Name: t.arn, EnableLogFileValidation: true } }],
          permissions: ['cloudtrail:UpdateTrail', 'cloudtrail:DescribeTrails'],
          before: false,
          after: true,
          rollback: { possible: true, how: 'UpdateTrail with EnableLogFileValidation false' },
          details: { trailArn: t.arn },
        }),
      );
    }
  }
  return out;
}

export function accessAnalyzerBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  if (!ctx.baseline.accountDefaults.accessAnalyzer) return out;
  for (const region of scannedRegions(account)) {
    const analyzers = account.regional[region]!.accessAnalyzer.analyzers;
    if (!analyzers.ok) {
      out.warnings.push(`account ${account.accountId} ${region}: analyzers could not be listed (${analyzers.error.code}); no analyzer planned`);
      continue;
    }
    if (analyzers.value.some((a) => a.status === 'ACTIVE')) continue;
    out.actions.push(
      makeAction({
        kind: 'accessanalyzer.analyzer',
        target: 'rampart-external-access',
        title: `Create an IAM Access Analyzer (external access, free) in ${account.accountId} ${region}`,
        accountId: account.accountId,
        region,
        checkIds: ['access-analyzer-enabled'],
        calls: [{ service: 'accessanalyzer', operation: 'CreateAnalyzer', params: { analyzerName: 'rampart-external-access', type: 'ACCOUNT' } }],
        permissions: ['access-analyzer:CreateAnalyzer', 'access-analyzer:ListAnalyzers', 'access-analyzer:DeleteAnalyzer', 'iam:CreateServiceLinkedRole'],
        before: { active: false },
        after: { active: true },
        rollback: { possible: true, how: 'DeleteAnalyzer rampart-external-access' },
        notes: ['an ORGANIZATION analyzer in the delegated administrator is better once one exists (controls.md §2)'],
      }),
    );
  }
  return out;
}

export function guardDutyBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  for (const region of scannedRegions(account)) {
    const detectors = account.regional[region]!.guardduty.detectors;
    if (!detectors.ok) continue;
    const enabled = detectors.value.some((d) => d.detail.ok && d.detail.value.status === 'ENABLED');
    if (enabled) continue;
    if (!ctx.baseline.paid.guardduty) {
      out.blocked.push({ what: `GuardDuty in ${account.accountId} ${region}`, reason: 'paid service: set paid.guardduty: true in the baseline to plan it' });
      continue;
    }
    const existing = detectors.value[0];
    // protection plans the baseline asks for go with the detector (their own action for a detector already on)
    const wanted = ctx.baseline.paid.guarddutyFeatures;
    const features = wanted.length > 0 ? { Features: wanted.map((Name) => ({ Name, Status: 'ENABLED' })) } : {};
    out.actions.push(
      makeAction({
        kind: 'guardduty.detector',
        target: 'detector',
        title: `Enable GuardDuty in ${account.accountId} ${region}`,
        accountId: account.accountId,
        region,
        risk: 'paid',
        costNote: `GuardDuty bills by CloudTrail events, VPC flow and DNS logs analysed (30-day free trial per Region); ${wanted.length > 0 ? `protection plans ${wanted.join(', ')} bill by the data they analyse` : 'protection plans cost extra and stay off'}`,
        checkIds: ['guardduty-enabled'],
        calls: existing
          ? [{ service: 'guardduty', operation: 'UpdateDetector', params: { DetectorId: existing.detectorId, Enable: true, ...features } }]
          : [{ service: 'guardduty', operation: 'CreateDetector', params: { Enable: true, ...features } }],
        permissions: ['guardduty:CreateDetector', 'guardduty:UpdateDetector', 'guardduty:ListDetectors', 'guardduty:GetDetector', 'guardduty:DeleteDetector', 'iam:CreateServiceLinkedRole'],
        before: { enabled: false },
        after: { enabled: true },
        rollback: existing
          ? { possible: true, how: 'UpdateDetector Enable false' }
          : { possible: true, how: 'DeleteDetector (its findings are lost)' },
        details: existing ? { detectorId: existing.detectorId } : {},
      }),
    );
  }
  return out;
}

export function securityHubBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  for (const region of scannedRegions(account)) {
    const hub = account.regional[region]!.securityhub.hub;
    if (!hub.ok || hub.value !== null) continue;
    if (!ctx.baseline.paid.securityHub) {
      out.blocked.push({ what: `Security Hub in ${account.accountId} ${region}`, reason: 'paid service: set paid.securityHub: true in the baseline to plan it' });
      continue;
    }
    out.actions.push(
      makeAction({
        kind: 'securityhub.hub',
        target: 'hub',
        title: `Enable Security Hub (no default standards) in ${account.accountId} ${region}`,
        accountId: account.accountId,
        region,
        risk: 'paid',
        costNote: 'Security Hub bills per finding ingested and per security check; default standards stay off (seed 002: standards plus Config get costly)',
        checkIds: ['securityhub-enabled'],
        calls: [{ service: 'securityhub', operation: 'EnableSecurityHub', params: { EnableDefaultStandards: false } }],
        permissions: ['securityhub:EnableSecurityHub', 'securityhub:DescribeHub', 'securityhub:DisableSecurityHub', 'iam:CreateServiceLinkedRole'],
        before: { enabled: false },
        after: { enabled: true },
        rollback: { possible: true, how: 'DisableSecurityHub' },
      }),
    );
  }
  return out;
}

/** Protection plans on a detector that is already on (a new detector gets them with guardDutyBuilder's call). */
export function guardDutyFeaturesBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  const wanted = ctx.baseline.paid.guarddutyFeatures;
  if (wanted.length === 0) return out;
  for (const region of scannedRegions(account)) {
    const detectors = account.regional[region]!.guardduty.detectors;
    if (!detectors.ok) continue;
    const on = detectors.value.find((d) => d.detail.ok && d.detail.value.status === 'ENABLED');
    if (!on || !on.detail.ok) continue;
    const current = Object.fromEntries(wanted.map((n) => [n, on.detail.ok ? (on.detail.value.features.find((f) => f.name === n)?.status ?? 'DISABLED') : 'DISABLED']));
    const missing = wanted.filter((n) => current[n] !== 'ENABLED');
    if (missing.length === 0) continue;
    out.actions.push(
      makeAction({
        kind: 'guardduty.features',
        target: on.detectorId,
        title: `Turn on GuardDuty protection plans ${missing.join(', ')} in ${account.accountId} ${region}`,
        accountId: account.accountId,
        region,
        risk: 'paid',
        costNote: 'each GuardDuty protection plan bills by the data it analyses (S3 data events, EKS audit logs, EBS volumes scanned, RDS logins, runtime agents, Lambda network logs), with a 30-day trial',
        checkIds: ['guardduty-protection-plans'],
        calls: [{ service: 'guardduty', operation: 'UpdateDetector', params: { DetectorId: on.detectorId, Features: missing.map((Name) => ({ Name, Status: 'ENABLED' })) } }],
        permissions: ['guardduty:UpdateDetector', 'guardduty:GetDetector', 'iam:CreateServiceLinkedRole'],
        before: Object.fromEntries(missing.map((n) => [n, current[n]])),
        after: Object.fromEntries(missing.map((n) => [n, 'ENABLED'])),
        rollback: { possible: true, how: 'UpdateDetector with the previous status of each plan' },
        details: { detectorId: on.detectorId, features: missing },
      }),
    );
  }
  return out;
}
