// The IAM Access Analyzer slice of a Region's snapshot: the analyzers, and the ACTIVE findings of each active
// external-access and unused-access analyzer.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { iso } from '../../inventory/schema-parts.ts';

export const analyzerFindingSchema = z.object({
  id: z.string(),
  /** ExternalAccess, UnusedIAMRole, UnusedIAMUserAccessKey, UnusedIAMUserPassword, UnusedPermission…; null when not given. */
  findingType: z.string().nullable(),
  resourceType: z.string(),
  resource: z.string().nullable(),
  resourceOwnerAccount: z.string(),
  status: z.string(),
  createdAt: iso,
  updatedAt: iso.nullable(),
  /**
   * ExternalAccess findings only (GetFindingV2 externalAccessDetails.isPublic); null for other types (not asked), and a
   * null value when the detail carried no external-access part.
   */
  isPublic: collectedSchema(z.boolean().nullable()).nullable(),
});
export type AnalyzerFinding = z.infer<typeof analyzerFindingSchema>;

export const accessAnalyzerSchema = z.object({
  analyzers: collectedSchema(z.array(z.object({ arn: z.string(), name: z.string(), type: z.string(), status: z.string() }))),
  /**
   * ACTIVE findings (ListFindingsV2, status ACTIVE) of every ACTIVE external-access (ACCOUNT, ORGANIZATION) and
   * unused-access analyzer of the Region, one entry per such analyzer; NotCollected when the analyzers could not be listed.
   */
  findings: collectedSchema(z.array(z.object({ analyzerArn: z.string(), findings: collectedSchema(z.array(analyzerFindingSchema)) }))),
});
export type AccessAnalyzerSlice = z.infer<typeof accessAnalyzerSchema>;
