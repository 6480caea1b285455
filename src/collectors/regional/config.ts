// AWS Config collector (per Region): recorders, their status and the delivery channels — what
// config-recorder-all-regions reads. No recorder is a value (an empty list); a denied call stays an error.
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service';
import type { RegionalCollector } from '../types.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import { need, orNull, read, regionalClient } from './shared.ts';

const OPS = {
  recorders: 'config:DescribeConfigurationRecorders',
  statuses: 'config:DescribeConfigurationRecorderStatus',
  channels: 'config:DescribeDeliveryChannels',
} as const;

export const configCollector: RegionalCollector<'config'> = {
  key: 'config',
  operations: Object.values(OPS),
  async collect(ctx): Promise<RegionalSnapshot['config']> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, ConfigServiceClient);
    // None of the three is paginated (at most one customer recorder and channel per Region); they are independent.
    const [recorders, recorderStatuses, deliveryChannels] = await Promise.all([
      read(OPS.recorders, region, () =>
        limiter.run(async () =>
          ((await client.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders ?? []).map((r) => {
            // AWS always returns the recording group; a recorder without one is not guessed to record everything or nothing
            const group = need(r.recordingGroup, 'ConfigurationRecorder.recordingGroup');
            return {
              name: need(r.name, 'ConfigurationRecorder.name'),
              allSupported: need(group.allSupported, 'recordingGroup.allSupported'),
              includeGlobalResourceTypes: need(group.includeGlobalResourceTypes, 'recordingGroup.includeGlobalResourceTypes'),
              recordingStrategy: orNull(group.recordingStrategy?.useOnly),
            };
          }),
        ),
      ),
      read(OPS.statuses, region, () =>
        limiter.run(async () =>
          ((await client.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus ?? []).map((s) => ({
            name: need(s.name, 'ConfigurationRecorderStatus.name'),
            recording: need(s.recording, 'ConfigurationRecorderStatus.recording'),
            lastStatus: orNull(s.lastStatus),
          })),
        ),
      ),
      read(OPS.channels, region, () =>
        limiter.run(async () =>
          ((await client.send(new DescribeDeliveryChannelsCommand({}))).DeliveryChannels ?? []).map((c) => ({
            name: need(c.name, 'DeliveryChannel.name'),
            s3BucketName: orNull(c.s3BucketName),
          })),
        ),
      ),
    ]);
    return { recorders, recorderStatuses, deliveryChannels };
  },
};
