// config-recorder-all-regions: AWS Config records all supported resources in every scanned Region (controls.md 1.D).
// Regions shown to be closed (config regions.denied, or an SCP in force) are not_applicable (helpers/regional.ts).
import type { CollectError } from '../../inventory/collected.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { defineCheck } from '../define.ts';
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
      cli: 'aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<config-role-arn> --recording-group allSupported=true,includeGlobalResourceTypes=false && aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<bucket> && aws configservice start-configuration-recorder --configuration-recorder-name default',
      terraform:
        'resource "aws_config_configuration_recorder" "main" {\n  name     = "default"\n  role_arn = aws_iam_role.config.arn\n  recording_group {\n    all_supported = true\n  }\n}\nresource "aws_config_delivery_channel" "main" {\n  name           = "default"\n  s3_bucket_name = "<bucket>"\n  depends_on     = [aws_config_configuration_recorder.main]\n}\nresource "aws_config_configuration_recorder_status" "main" {\n  name       = aws_config_configuration_recorder.main.name\n  is_enabled = true\n  depends_on = [aws_config_delivery_channel.main]\n}',
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
    return results;
  },
});
