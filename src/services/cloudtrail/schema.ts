// The CloudTrail slice of a Region's snapshot: the trails visible in the Region, with their status and event selectors.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { iso } from '../../inventory/schema-parts.ts';

export const trailSchema = z.object({
  name: z.string(),
  arn: z.string(),
  homeRegion: z.string(),
  isMultiRegionTrail: z.boolean(),
  isOrganizationTrail: z.boolean(),
  logFileValidationEnabled: z.boolean(),
  includeGlobalServiceEvents: z.boolean(),
  kmsKeyId: z.string().nullable(),
  s3BucketName: z.string().nullable(),
  cloudWatchLogsLogGroupArn: z.string().nullable(),
  status: collectedSchema(
    z.object({
      isLogging: z.boolean(),
      latestDeliveryError: z.string().nullable(),
      // cat-logging: GetTrailStatus LatestCloudWatchLogsDeliveryTime; null when the trail never delivered to CloudWatch Logs
      latestCloudWatchLogsDeliveryTime: iso.nullable(),
    }),
  ),
  eventSelectors: collectedSchema(
    z.object({
      basic: z.array(z.object({ readWriteType: z.string().nullable(), includeManagementEvents: z.boolean().nullable() })),
      /** Advanced selectors as returned (field selectors kept verbatim). */
      advanced: z.array(z.unknown()),
    }),
  ),
});
export type Trail = z.infer<typeof trailSchema>;

export const cloudtrailSchema = z.object({
  /** DescribeTrails with includeShadowTrails: trails of this Region plus multi-Region/organization trails visible here. */
  trails: collectedSchema(z.array(trailSchema)),
});
export type CloudtrailSlice = z.infer<typeof cloudtrailSchema>;
