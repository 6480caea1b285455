// Snapshot slice of AWS Lambda (per Region): each function with the verdict of the secret detector on its
// environment (never the values), its resource policy and its function URLs (judged by resource-policies-public).
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { secretMatchSchema } from '../../secrets/schema.ts';

export const lambdaFunctionUrlSchema = z.object({
  functionUrl: z.string(),
  /** `NONE` (public, unless the resource policy limits it) or `AWS_IAM`. */
  authType: z.string(),
});

export const lambdaFunctionSchema = z.object({
  functionName: z.string(),
  functionArn: z.string(),
  runtime: z.string().nullable(),
  /** How many environment variables the function has (0 when it has none). */
  environmentVariableCount: z.number().int(),
  /**
   * Secrets the detector found in Environment.Variables (ListFunctions), as variable names and rule ids; an error
   * when Lambda could not return the variables (Environment.Error, e.g. KMS denied the decryption).
   */
  environmentSecrets: collectedSchema(z.array(secretMatchSchema)),
  /** GetPolicy, parsed; null: the function has no resource policy (ResourceNotFoundException). */
  policy: collectedSchema(z.unknown()),
  /** ListFunctionUrlConfigs. */
  urlConfigs: collectedSchema(z.array(lambdaFunctionUrlSchema)),
});
export type LambdaFunction = z.infer<typeof lambdaFunctionSchema>;

export const lambdaSchema = z.object({
  functions: collectedSchema(z.array(lambdaFunctionSchema)),
});
export type LambdaSlice = z.infer<typeof lambdaSchema>;
