// The ECR slice of a Region's snapshot: private repositories with their repository policy, collected for the
// resource-policy checks.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const repositorySchema = z.object({
  name: z.string(),
  arn: z.string(),
  registryId: z.string(),
  /** GetRepositoryPolicy, JSON-parsed when it parses; null on RepositoryPolicyNotFoundException (no policy). */
  policy: collectedSchema(z.unknown()),
});
export type Repository = z.infer<typeof repositorySchema>;

export const ecrSchema = z.object({
  repositories: collectedSchema(z.array(repositorySchema)),
});
export type EcrSlice = z.infer<typeof ecrSchema>;
