// Paid services (controls.md "yes (paid)"): Security Hub standards, Amazon Inspector, Amazon Macie, an unused-access
// analyzer and Shield Advanced. Each is planned only when the baseline's `paid` section asks for it, is labelled
// `paid` with what it costs, and is never part of the default baseline.
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import { emptyOutput, makeAction, actionId, scannedRegions, type BuildOutput, type PlanContext } from '../plan-context.ts';

const standardArn = (region: string, path: string) => `arn:aws:securityhub:${region}::standards/${path}`;

export function securityHubStandardsBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  const wanted = ctx.baseline.paid.securityHubStandards;
  if (wanted.length === 0) return out;
  for (const region of scannedRegions(account)) {
    const r = account.regional[region]!;
    if (!r.securityhub.hub.ok) continue;
    const hubPlanned = r.securityhub.hub.value === null;
    const enabled = r.securityhub.enabledStandards.ok ? r.securityhub.enabledStandards.value.filter((x) => x.status !== 'FAILED' && x.status !== 'DELETING').map((x) => x.standardsArn) : hubPlanned ? [] : undefined;
    if (enabled === undefined) {
      out.warnings.push(`account ${account.accountId} ${region}: the enabled Security Hub standards could not be read; no standard planned`);
      continue;
    }
    const missing = wanted.map((w) => standardArn(region, w)).filter((arn) => !enabled.includes(arn));
    if (missing.length === 0) continue;
    out.actions.push(
      makeAction({
        kind: 'securityhub.standards',
        target: 'standards',
        title: `Subscribe Security Hub in ${account.accountId} ${region} to ${missing.map((m) => m.split('standards/')[1]).join(', ')}`,
        accountId: account.accountId,
        region,
        risk: 'paid',
        costNote: 'Security Hub bills every security check a standard runs (per check per account and Region) and needs AWS Config recording to evaluate most controls, which bills per configuration item',
        checkIds: [],
        calls: [{ service: 'securityhub', operation: 'BatchEnableStandards', params: { StandardsSubscriptionRequests: missing.map((StandardsArn) => ({ StandardsArn })) } }],
        permissions: ['securityhub:BatchEnableStandards', 'securityhub:GetEnabledStandards', 'securityhub:BatchDisableStandards'],
        before: { standards: [] },
        beforeKnown: false,
        after: { standards: missing },
        rollback: { possible: true, how: 'BatchDisableStandards for the subscriptions this apply made' },
        dependsOn: hubPlanned ? [actionId('securityhub.hub', account.accountId, region, 'hub')] : [],
        details: { standards: missing },
      }),
    );
  }
  return out;
}

export function inspectorBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  const types = ctx.baseline.paid.inspector;
  if (types.length === 0) return out;
  for (const region of scannedRegions(account)) {
    out.actions.push(
      makeAction({
        kind: 'inspector2.enable',
        target: 'inspector',
        title: `Turn on Amazon Inspector (${types.join(', ')}) in ${account.accountId} ${region}`,
        accountId: account.accountId,
        region,
        risk: 'paid',
        costNote: 'Inspector bills per EC2 instance and per container image scanned each month, and per Lambda function (15-day free trial per account and Region)',
        checkIds: ['inspector-enabled'],
        calls: [{ service: 'inspector2', operation: 'Enable', params: { accountIds: [account.accountId], resourceTypes: [...types] } }],
        permissions: ['inspector2:Enable', 'inspector2:BatchGetAccountStatus', 'inspector2:Disable', 'iam:CreateServiceLinkedRole'],
        before: Object.fromEntries(types.map((t) => [t, false])),
        beforeKnown: false,
        after: Object.fromEntries(types.map((t) => [t, true])),
        rollback: { possible: true, how: `Disable ${types.join(', ')} (the findings are deleted)` },
        details: { resourceTypes: [...types] },
      }),
    );
  }
  return out;
}

export function macieBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  if (!ctx.baseline.paid.macie) return out;
  for (const region of scannedRegions(account)) {
    out.actions.push(
      makeAction({
        kind: 'macie.enable',
        target: 'macie',
        title: `Turn on Amazon Macie in ${account.accountId} ${region}`,
        accountId: account.accountId,
        region,
        risk: 'paid',
        costNote: 'Macie bills per bucket evaluated each month and per GB of data inspected by discovery jobs (30-day free trial); create discovery jobs deliberately',
        checkIds: [],
        calls: [{ service: 'macie2', operation: 'EnableMacie', params: { status: 'ENABLED', findingPublishingFrequency: 'SIX_HOURS' } }],
        permissions: ['macie2:EnableMacie', 'macie2:GetMacieSession', 'macie2:DisableMacie', 'iam:CreateServiceLinkedRole'],
        before: { enabled: false },
        beforeKnown: false,
        after: { enabled: true },
        rollback: { possible: true, how: 'DisableMacie (its findings and discovery results are deleted)' },
      }),
    );
  }
  return out;
}

/** One unused-access analyzer per account (it reviews IAM, which is global), in the home Region. */
export function unusedAccessBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  const b = ctx.baseline;
  if (!b.paid.unusedAccessAnalyzer) return out;
  const scanned = scannedRegions(account);
  const region = [b.regions.identityCenterHome, ...(b.regions.allowed ?? [])].find((r) => r !== undefined && scanned.includes(r)) ?? scanned[0];
  if (region === undefined) return out;
  const analyzers = account.regional[region]!.accessAnalyzer.analyzers;
  if (!analyzers.ok) {
    out.warnings.push(`account ${account.accountId} ${region}: analyzers could not be listed (${analyzers.error.code}); no unused-access analyzer planned`);
    return out;
  }
  if (analyzers.value.some((a) => a.type.endsWith('UNUSED_ACCESS') && a.status === 'ACTIVE')) return out;
  const age = b.paid.unusedAccessAge;
  out.actions.push(
    makeAction({
      kind: 'accessanalyzer.unused-access',
      target: 'rampart-unused-access',
      title: `Create an unused-access analyzer (${age} days) in ${account.accountId} ${region}`,
      accountId: account.accountId,
      region,
      risk: 'paid',
      costNote: 'unused-access analysis bills per IAM role and user analysed each month',
      checkIds: ['access-analyzer-unused-access'],
      calls: [{ service: 'accessanalyzer', operation: 'CreateAnalyzer', params: { analyzerName: 'rampart-unused-access', type: 'ACCOUNT_UNUSED_ACCESS', configuration: { unusedAccess: { unusedAccessAge: age } } } }],
      permissions: ['access-analyzer:CreateAnalyzer', 'access-analyzer:ListAnalyzers', 'access-analyzer:DeleteAnalyzer', 'iam:CreateServiceLinkedRole'],
      before: { active: false },
      after: { active: true },
      rollback: { possible: true, how: 'DeleteAnalyzer rampart-unused-access' },
      details: { unusedAccessAge: age },
    }),
  );
  return out;
}

/** Shield Advanced is a subscription with a one-year commitment: a person decides it; never an action. */
export function shieldAdvancedBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  if (!ctx.baseline.paid.shieldAdvanced) return out;
  const org = account.organizations.organization;
  const mgmt = org.ok && org.value ? org.value.managementAccountId : account.accountId;
  if (account.accountId !== mgmt) return out; // one step for the organization (the subscription covers its accounts)
  out.manual.push({
    checkId: 'shield-advanced',
    accountId: account.accountId,
    title: 'Subscribe to AWS Shield Advanced (paid, one-year commitment)',
    instructions:
      'Shield Advanced costs $3,000 a month per organization with a one-year commitment, plus data transfer: subscribe from the Shield console of the management account (or `aws shield create-subscription`) once approved, then add protections per internet-facing resource (Shield CreateProtection) or through a Firewall Manager policy.',
    findings: [],
  });
  return out;
}

export const CONFIG_ROLE = 'aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig';

/**
 * AWS Config in every scanned Region: all supported resource types, global ones (IAM) only in the home Region, a
 * delivery channel to the baseline's bucket, recording started. An existing recorder is reused by name.
 */
export function configRecorderBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  const b = ctx.baseline;
  const cfg = b.paid.config;
  if (cfg === false) return out;
  const scanned = scannedRegions(account);
  const home = [cfg.homeRegion, b.regions.identityCenterHome, ...(b.regions.allowed ?? [])].find((r) => r !== undefined && scanned.includes(r)) ?? scanned[0];
  for (const region of scanned) {
    const c = account.regional[region]!.config;
    if (!c.recorders.ok || !c.recorderStatuses.ok || !c.deliveryChannels.ok) {
      out.warnings.push(`account ${account.accountId} ${region}: the Config recorder could not be read; not planned`);
      continue;
    }
    const recorder = c.recorders.value[0];
    const status = recorder ? c.recorderStatuses.value.find((x) => x.name === recorder.name) : undefined;
    const global = region === home;
    const before = {
      recorder: recorder ? { allSupported: recorder.allSupported, includeGlobalResourceTypes: recorder.includeGlobalResourceTypes } : null,
      recording: status?.recording ?? false,
      channel: c.deliveryChannels.value.length > 0,
    };
    const after = { recorder: { allSupported: true, includeGlobalResourceTypes: global }, recording: true, channel: true };
    if (before.recorder?.allSupported === true && before.recorder.includeGlobalResourceTypes === global && before.recording && before.channel) continue;
    const name = recorder?.name ?? 'default';
    out.actions.push(
      makeAction({
        kind: 'config.recorder',
        target: name,
        title: `Record every supported resource type with AWS Config in ${account.accountId} ${region}${global ? ' (with global resource types)' : ''}`,
        accountId: account.accountId,
        region,
        risk: 'paid',
        costNote: 'AWS Config bills per configuration item recorded (every change to a recorded resource) and per rule evaluation; busy accounts can cost more than expected',
        checkIds: ['config-recorder-all-regions'],
        calls: [
          { service: 'iam', operation: 'CreateServiceLinkedRole', params: { AWSServiceName: 'config.amazonaws.com' } },
          {
            service: 'config',
            operation: 'PutConfigurationRecorder',
            params: { ConfigurationRecorder: { name, roleARN: `arn:aws:iam::${account.accountId}:role/${CONFIG_ROLE}`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: global } } },
          },
          ...(before.channel ? [] : [{ service: 'config', operation: 'PutDeliveryChannel', params: { DeliveryChannel: { name: 'default', s3BucketName: cfg.bucket } } }]),
          { service: 'config', operation: 'StartConfigurationRecorder', params: { ConfigurationRecorderName: name } },
        ],
        permissions: [
          'config:PutConfigurationRecorder', 'config:PutDeliveryChannel', 'config:StartConfigurationRecorder', 'config:DescribeConfigurationRecorders',
          'config:DescribeConfigurationRecorderStatus', 'config:DescribeDeliveryChannels', 'config:StopConfigurationRecorder', 'config:DeleteDeliveryChannel',
          'config:DeleteConfigurationRecorder', 'iam:CreateServiceLinkedRole', 'iam:GetRole', 'iam:PassRole',
        ],
        before,
        after,
        rollback: recorder
          ? { possible: false, how: `not undone: the previous recording group of ${name} is not recorded in full; stop it by hand (StopConfigurationRecorder) if needed` }
          : { possible: true, how: 'StopConfigurationRecorder, DeleteDeliveryChannel (when apply created it), DeleteConfigurationRecorder' },
        details: { recorderName: name, bucket: cfg.bucket, homeRegion: home, createdRecorder: recorder === undefined },
        notes: [`the bucket ${cfg.bucket} must already let AWS Config write (s3:GetBucketAcl, s3:PutObject with bucket-owner-full-control)`],
      }),
    );
  }
  return out;
}
