// The GuardDuty slice of a Region's snapshot: the detectors with their features, the organization's administrators and
// configuration, the members, and the high-severity findings.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { iso } from '../../inventory/schema-parts.ts';

export const guarddutySchema = z.object({
  detectors: collectedSchema(
    z.array(
      z.object({
        detectorId: z.string(),
        detail: collectedSchema(
          z.object({ status: z.string(), features: z.array(z.object({ name: z.string(), status: z.string() })) }),
        ),
      }),
    ),
  ),
  // --- cat-threat --- (a Region has at most one detector per account: the fields below are about that detector)
  /** ListOrganizationAdminAccounts: answered only in the management account (an error elsewhere). */
  organizationAdminAccounts: collectedSchema(z.array(z.object({ adminAccountId: z.string(), adminStatus: z.string() }))),
  /**
   * DescribeOrganizationConfiguration of the detector: answered only in the delegated administrator (an error
   * elsewhere). null: the Region has no detector to ask about.
   */
  organizationConfiguration: collectedSchema(
    z
      .object({
        detectorId: z.string(),
        /** NEW | ALL | NONE; null when the answer carries only the older AutoEnable flag. */
        autoEnableOrganizationMembers: z.string().nullable(),
        autoEnable: z.boolean().nullable(),
      })
      .nullable(),
  ),
  /** ListMembers (OnlyAssociated "false"), read only where the organization configuration could be read. */
  members: collectedSchema(z.array(z.object({ accountId: z.string(), relationshipStatus: z.string() }))),
  /** ListFindings (severity ≥ 7, not archived) + GetFindings; empty when the Region has no detector. */
  highFindings: collectedSchema(
    z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        severity: z.number(),
        title: z.string().nullable(),
        createdAt: iso,
        updatedAt: iso.nullable(),
        resourceType: z.string().nullable(),
        count: z.number().int().nullable(),
      }),
    ),
  ),
});
export type GuarddutySlice = z.infer<typeof guarddutySchema>;
