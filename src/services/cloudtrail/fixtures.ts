// Test and demo data for the CloudTrail slice.
import { ok } from '../../inventory/collected.ts';
import type { CloudtrailSlice, Trail } from './schema.ts';

/** The secure baseline: the organization's multi-Region trail (homed in `homeRegion`), logging, validated and encrypted. */
export function secureCloudtrail(accountId: string, homeRegion: string): CloudtrailSlice {
  const trailArn = `arn:aws:cloudtrail:${homeRegion}:${accountId}:trail/org-trail`;
  return {
    trails: ok([
      {
        name: 'org-trail',
        arn: trailArn,
        homeRegion,
        isMultiRegionTrail: true,
        isOrganizationTrail: true,
        logFileValidationEnabled: true,
        includeGlobalServiceEvents: true,
        kmsKeyId: `arn:aws:kms:${homeRegion}:${accountId}:key/11111111-2222-3333-4444-555555555555`,
        s3BucketName: 'org-cloudtrail-logs',
        cloudWatchLogsLogGroupArn: null,
        status: ok({ isLogging: true, latestDeliveryError: null, latestCloudWatchLogsDeliveryTime: null }),
        eventSelectors: ok({ basic: [{ readWriteType: 'All', includeManagementEvents: true }], advanced: [] }),
      },
    ]),
  };
}

export type TrailOptions = Partial<Omit<Trail, 'status'>> & { name: string; isLogging?: boolean };

/** A trail of `region` (single-Region, no validation, no encryption unless told), logging unless `isLogging: false`. */
export function trail({ isLogging, ...t }: TrailOptions, region: string, accountId: string): Trail {
  return {
    arn: `arn:aws:cloudtrail:${t.homeRegion ?? region}:${accountId}:trail/${t.name}`,
    homeRegion: region,
    isMultiRegionTrail: false,
    isOrganizationTrail: false,
    logFileValidationEnabled: false,
    includeGlobalServiceEvents: false,
    kmsKeyId: null,
    s3BucketName: `${t.name}-logs`,
    cloudWatchLogsLogGroupArn: null,
    status: ok({ isLogging: isLogging ?? true, latestDeliveryError: null, latestCloudWatchLogsDeliveryTime: null }),
    eventSelectors: ok({ basic: [{ readWriteType: 'All', includeManagementEvents: true }], advanced: [] }),
    ...t,
  };
}
