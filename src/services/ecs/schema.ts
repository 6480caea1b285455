// Snapshot slice of ECS (per Region): the cluster ARNs (mgmt-account-no-workloads), and the latest ACTIVE revision of every task definition family, with the secret
// detector's verdict on its containers' environment (never the values). `secrets` (valueFrom) entries are
// references to Secrets Manager / SSM and are not scanned.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { secretMatchSchema } from '../../secrets/schema.ts';

export const taskDefinitionSchema = z.object({
  taskDefinitionArn: z.string(),
  family: z.string(),
  revision: z.number().int(),
  /** DescribeTaskDefinition: matches in `containerDefinitions[<name>].environment`. */
  environmentSecrets: collectedSchema(z.array(secretMatchSchema)),
});
export type TaskDefinition = z.infer<typeof taskDefinitionSchema>;

export const ecsSchema = z.object({
  taskDefinitions: collectedSchema(z.array(taskDefinitionSchema)),
  /** ListClusters: the ARNs of the Region's clusters (an empty list: none). */
  clusters: collectedSchema(z.array(z.string())),
});
export type EcsSlice = z.infer<typeof ecsSchema>;
