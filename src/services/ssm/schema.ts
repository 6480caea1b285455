// The Systems Manager slice of a Region: the managed nodes (DescribeInstanceInformation) and their Patch compliance
// (ListResourceComplianceSummaries), what ec2-ssm-managed, ec2-no-direct-ssh and ssm-patch-compliance read.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const managedInstanceSchema = z.object({
  /** i-… for EC2 instances, mi-… for hybrid nodes. */
  instanceId: z.string(),
  /** Online | ConnectionLost | Inactive. */
  pingStatus: z.string(),
  /** EC2Instance | ManagedInstance; null when the answer omits it. */
  resourceType: z.string().nullable(),
  platformType: z.string().nullable(),
  lastPingDateTime: z.string().nullable(),
});
export type ManagedInstance = z.infer<typeof managedInstanceSchema>;

export const patchComplianceSchema = z.object({
  resourceId: z.string(),
  resourceType: z.string().nullable(),
  /** COMPLIANT | NON_COMPLIANT. */
  status: z.string(),
  /** CRITICAL, HIGH, … UNSPECIFIED; null when absent. */
  overallSeverity: z.string().nullable(),
  nonCompliantCount: z.number().int().nullable(),
  executionTime: z.string().nullable(),
});
export type PatchCompliance = z.infer<typeof patchComplianceSchema>;

export const ssmSchema = z.object({
  managedInstances: collectedSchema(z.array(managedInstanceSchema)),
  /** One row per resource that reported Patch compliance (ComplianceType filter "Patch"). */
  patchCompliance: collectedSchema(z.array(patchComplianceSchema)),
});
export type SsmSlice = z.infer<typeof ssmSchema>;
