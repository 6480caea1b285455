// Test and demo data for the AWS Config slice.
import { ok } from '../../inventory/collected.ts';
import type { ConfigSlice } from './schema.ts';

/** The secure baseline: one recorder of every resource type (global types in the home Region), recording and delivering. */
export function secureConfig(region: string, homeRegion: string): ConfigSlice {
  return {
    recorders: ok([{ name: 'default', allSupported: true, includeGlobalResourceTypes: region === homeRegion, recordingStrategy: null }]),
    recorderStatuses: ok([{ name: 'default', recording: true, lastStatus: 'SUCCESS' }]),
    deliveryChannels: ok([{ name: 'default', s3BucketName: 'org-config-logs' }]),
    aggregators: ok([]),
    rules: ok([]),
    remediations: ok([]),
  };
}

export interface ConfigRecorderOptions {
  allSupported?: boolean;
  includeGlobalResourceTypes?: boolean;
  recording?: boolean;
  lastStatus?: string | null;
  deliveryChannel?: boolean;
}

/** Replaces the slice's recorder (null: none); global resource types stay as they were unless `includeGlobalResourceTypes` says otherwise. */
export function setConfigRecorder(config: ConfigSlice, opts: ConfigRecorderOptions | null): void {
  const previous = config.recorders.ok ? config.recorders.value[0] : undefined;
  if (opts === null) {
    config.recorders = ok([]);
    config.recorderStatuses = ok([]);
    config.deliveryChannels = ok([]);
    return;
  }
  config.recorders = ok([
    {
      name: 'default',
      allSupported: opts.allSupported ?? true,
      includeGlobalResourceTypes: opts.includeGlobalResourceTypes ?? previous?.includeGlobalResourceTypes ?? false,
      recordingStrategy: null,
    },
  ]);
  config.recorderStatuses = ok([
    { name: 'default', recording: opts.recording ?? true, lastStatus: opts.lastStatus === undefined ? 'SUCCESS' : opts.lastStatus },
  ]);
  config.deliveryChannels = opts.deliveryChannel === false ? ok([]) : ok([{ name: 'default', s3BucketName: 'config-logs' }]);
}
