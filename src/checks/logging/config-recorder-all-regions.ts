// config-recorder-all-regions: AWS Config records all supported resources in every scanned Region, and global
// resource types in exactly one (controls.md 1.D).
// Regions shown to be closed (config regions.denied, or an SCP in force) are not_applicable (helpers/regional.ts).
import type { CollectError } from '../../inventory/collected.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
import type { CheckContext } from '../define.ts';
import { regionClosedFor, regionResource, unreadableInRegion } from '../helpers/regional.ts';

const ALL_SUPPORTED = 'ALL_SUPPORTED_RESOURCE_TYPES';

export default defineCheck({
  meta: {
    id: 'config-recorder-all-regions',
    title: 'AWS Config recording in every enabled Region',
    severity: 'medium',
    scope: 'region',
    resourceType: 'AwsRegion',
    rationale:
      'Config keeps the configuration history of resources; without it you cannot tell what a resource looked like before an incident, and Security Hub controls have no data.',
    remediation: {
      text: 'Create a configuration recorder that records all supported resource types, a delivery channel to the log-archive bucket, and start recording. Record global resource types (IAM) in one Region only. Config is billed per configuration item recorded, and Security Hub standards add to that, so budget for it.',
      cli: '# includeGlobalResourceTypes=true in the one Region that records IAM, false everywhere else\naws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<config-role-arn> --recording-group allSupported=true,includeGlobalResourceTypes=false && aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<log-bucket> && aws configservice start-configuration-recorder --configuration-recorder-name default',
      terraform:
        'resource "aws_config_configuration_recorder" "main" {\n  name     = "default"\n  role_arn = aws_iam_role.config.arn\n  recording_group {\n    all_supported = true\n  }\n}\nresource "aws_config_delivery_channel" "main" {\n  name           = "default"\n  s3_bucket_name = "<log-bucket>"\n  depends_on     = [aws_config_configuration_recorder.main]\n}\nresource "aws_config_configuration_recorder_status" "main" {\n  name       = aws_config_configuration_recorder.main.name\n  is_enabled = true\n  depends_on = [aws_config_delivery_channel.main]\n}',
    },
    references: [
      'https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html',
      'https://docs.aws.amazon.com/config/latest/developerguide/manage-delivery-channel.html',
    ],
    compliance: { cisAws3: ['3.3'], prowler: ['config_recorder_all_regions_enabled'], sources: ['000', '002', '003'] },
    fixable: true,
    reads: ['regional.*.config.recorders', 'regional.*.config.recorderStatuses', 'regional.*.config.deliveryChannels'],
  },
  evaluate(ctx) {
    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const resource = regionResource(region);
      const { recorders, recorderStatuses, deliveryChannels } = data.config;
      // The PASS rule is a conjunction: any condition known to be false is a FAIL even when another input is
      // missing; only when every known condition holds and something is missing is the verdict an error.
      const problems: string[] = [];
      const missing: Array<{ error: CollectError; what: string }> = [];
      if (!deliveryChannels.ok) missing.push({ error: deliveryChannels.error, what: 'Config delivery channels' });
      else if (deliveryChannels.value.length === 0) problems.push('no delivery channel, so recorded items are not delivered');

      let good: string | undefined;
      if (!recorders.ok) missing.push({ error: recorders.error, what: 'Config configuration recorders' });
      else if (recorders.value.length === 0) problems.push('no configuration recorder');
      else {
        const recorderProblems: string[] = [];
        let statusMissing: CollectError | undefined;
        for (const r of recorders.value) {
          const own: string[] = [];
          if (!r.allSupported && r.recordingStrategy !== ALL_SUPPORTED) own.push('does not record all supported resource types');
          if (!recorderStatuses.ok) {
            if (own.length === 0) statusMissing = recorderStatuses.error;
          } else {
            const status = recorderStatuses.value.find((s) => s.name === r.name);
            if (status === undefined) {
              if (own.length === 0) {
                statusMissing = {
                  code: 'ParseError',
                  operation: 'config:DescribeConfigurationRecorderStatus',
                  message: `no status was returned for configuration recorder ${r.name}`,
                  region,
                };
              }
            } else {
              if (!status.recording) own.push('is not recording');
              if (status.lastStatus === 'FAILURE') own.push('last recording attempt failed (lastStatus FAILURE)');
            }
          }
          if (own.length === 0 && statusMissing === undefined) good = r.name;
          if (own.length > 0) recorderProblems.push(`recorder ${r.name} ${own.join(' and ')}`);
        }
        if (good === undefined) {
          if (statusMissing !== undefined) missing.push({ error: statusMissing, what: 'the Config recorder status' });
          else problems.push(...recorderProblems);
        }
      }

      const evidence = {
        recorders: recorders.ok ? recorders.value : null,
        recorderStatuses: recorderStatuses.ok ? recorderStatuses.value : null,
        deliveryChannels: deliveryChannels.ok ? deliveryChannels.value.map((d) => d.name) : null,
      };
      // What was read decides first: a condition known to be false fails, whatever could not be read.
      if (problems.length > 0) {
        const unknown = missing.length > 0 ? ` (could not read ${missing.map((m) => m.what).join(', ')})` : '';
        results.push(ctx.fail(resource, `AWS Config is not fully recording in ${region}: ${problems.join('; ')}${unknown}`, { region, evidence }));
        continue;
      }
      // A Region shown to be closed needs no recorder; otherwise the missing data is an error.
      const gap = missing.find((m) => regionClosedFor(ctx, region, m.error) !== undefined) ?? missing[0];
      if (gap !== undefined) {
        results.push(unreadableInRegion(ctx, resource, gap.error, gap.what, region));
        continue;
      }
      results.push(ctx.pass(resource, `AWS Config recorder ${good ?? ''} records all supported resource types in ${region} and delivers them`, { region, evidence }));
    }
    const global = globalResourceTypesResult(ctx);
    if (global !== undefined) results.push(global);
    return results;
  },
});

/**
 * The catalog's second rule, one result for the account: global resource types (IAM users, roles, groups,
 * policies) recorded in exactly one Region. In none, IAM changes have no history; in several, every IAM
 * configuration item is recorded and billed once per Region. A Region counts when a recorder there includes
 * global types and is recording. Regions shown to be closed (SCP in force, config regions.denied) record nothing and are left out;
 * any other Region whose recorder or status could not be read makes "exactly one" unknowable (error), unless
 * the Regions already known exceed one.
 */
function globalResourceTypesResult(ctx: CheckContext<Record<string, never>>): CheckResult | undefined {
  const regions = ctx.regions();
  if (regions.length === 0) return undefined;
  const recording: string[] = [];
  const unknown: Array<{ region: string; error: CollectError }> = [];
  for (const [region, { config }] of regions) {
    if (!config.recorders.ok) {
      if (regionClosedFor(ctx, region, config.recorders.error) === undefined) unknown.push({ region, error: config.recorders.error });
      continue;
    }
    const withGlobal = config.recorders.value.filter((r) => r.includeGlobalResourceTypes);
    if (withGlobal.length === 0) continue;
    if (!config.recorderStatuses.ok) {
      unknown.push({ region, error: config.recorderStatuses.error });
      continue;
    }
    const statuses = withGlobal.map((r) => config.recorderStatuses.ok ? config.recorderStatuses.value.find((s) => s.name === r.name) : undefined);
    if (statuses.some((s) => s?.recording === true)) recording.push(region);
    else if (statuses.includes(undefined)) {
      unknown.push({
        region,
        error: { code: 'ParseError', operation: 'config:DescribeConfigurationRecorderStatus', message: `no status was returned for a configuration recorder in ${region}`, region },
      });
    }
  }
  const account = ctx.accountResource();
  const evidence = { globalResourceTypesRecordedIn: recording, unknownRegions: unknown.map((u) => u.region) };
  // The catalog row says WARN for none and for several.
  if (recording.length > 1) {
    return ctx.warn(
      account,
      `AWS Config records global resource types (IAM) in ${recording.length} Regions (${recording.join(', ')}): every IAM configuration item is recorded and billed ${recording.length} times; keep includeGlobalResourceTypes on in one Region only`,
      { evidence },
    );
  }
  const gap = unknown[0];
  if (gap !== undefined) {
    return ctx.error(account, gap.error, `could not tell in which Regions global resource types are recorded (Config data unreadable in ${unknown.map((u) => u.region).join(', ')})`, {
      evidence,
    });
  }
  if (recording.length === 0) {
    return ctx.warn(
      account,
      `AWS Config records global resource types (IAM users, roles, groups, policies) in no scanned Region, so IAM changes have no configuration history; turn includeGlobalResourceTypes on in exactly one Region`,
      { evidence },
    );
  }
  return ctx.pass(account, `AWS Config records global resource types in exactly one Region (${recording[0] ?? ''})`, { evidence });
}
