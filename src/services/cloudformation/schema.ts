// Snapshot slice of CloudFormation (per Region): each stack with the secret detector's verdict on its parameters
// and outputs (DescribeStacks), never the values.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { secretMatchSchema } from '../../secrets/schema.ts';

export const stackSchema = z.object({
  stackName: z.string(),
  stackId: z.string(),
  /** Matches in `Parameters` and `Outputs` (location says which). NoEcho values come back masked and pass. */
  secrets: z.array(secretMatchSchema),
});
export type Stack = z.infer<typeof stackSchema>;

export const cloudformationSchema = z.object({
  stacks: collectedSchema(z.array(stackSchema)),
});
export type CloudFormationSlice = z.infer<typeof cloudformationSchema>;
