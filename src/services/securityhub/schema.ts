// The Security Hub slice of a Region's snapshot: the hub and its standards, the organization's administrators and
// configuration, the finding aggregators, and the critical and high findings.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { iso } from '../../inventory/schema-parts.ts';

export const securityhubSchema = z.object({
  /** null: Security Hub is not enabled in this Region (InvalidAccessException / not subscribed). */
  hub: collectedSchema(z.object({ hubArn: z.string(), subscribedAt: z.string().nullable() }).nullable()),
  enabledStandards: collectedSchema(z.array(z.object({ standardsArn: z.string(), status: z.string() }))),
  // --- cat-threat ---
  /** ListOrganizationAdminAccounts: answered only in the management account (an error elsewhere). */
  organizationAdminAccounts: collectedSchema(z.array(z.object({ accountId: z.string(), status: z.string() }))),
  /**
   * DescribeOrganizationConfiguration: answered in the delegated administrator (an error elsewhere). null: no hub in
   * this Region.
   */
  organizationConfiguration: collectedSchema(
    z.object({ autoEnable: z.boolean().nullable(), configurationType: z.string().nullable(), status: z.string().nullable() }).nullable(),
  ),
  /**
   * ListFindingAggregators (visible from every Region), each with GetFindingAggregator read in its aggregation Region
   * only (a NotCollected error on the copies seen from other Regions).
   */
  findingAggregators: collectedSchema(
    z.array(
      z.object({
        arn: z.string(),
        detail: collectedSchema(z.object({ aggregationRegion: z.string(), regionLinkingMode: z.string(), regions: z.array(z.string()) })),
      }),
    ),
  ),
  /**
   * GetFindings of this account (AwsAccountId filter) with SeverityLabel CRITICAL/HIGH, RecordState ACTIVE and
   * WorkflowStatus NEW/NOTIFIED. In an aggregation Region this includes copies of the linked Regions' findings.
   */
  criticalFindings: collectedSchema(
    z.array(
      z.object({
        id: z.string(),
        title: z.string().nullable(),
        severityLabel: z.string(),
        workflowStatus: z.string().nullable(),
        /** The Region the finding was generated in. */
        region: z.string().nullable(),
        createdAt: iso,
        updatedAt: iso.nullable(),
        resourceType: z.string().nullable(),
        resourceId: z.string().nullable(),
      }),
    ),
  ),
});
export type SecurityhubSlice = z.infer<typeof securityhubSchema>;
