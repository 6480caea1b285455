// Snapshot slice of AWS Lambda (per Region): each function with the verdict of the secret detector on its
// environment and on each published version's environment (never the values), its resource policy and its function URLs (judged by resource-policies-public).
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';
import { secretMatchSchema } from '../../secrets/schema.ts';

export const lambdaFunctionUrlSchema = z.object({
  functionUrl: z.string(),
  /** `NONE` (public, unless the resource policy limits it) or `AWS_IAM`. */
  authType: z.string(),
});

export const lambdaVersionSchema = z.object({
  /** The version number ("1", "2", …); $LATEST is the function itself and not listed here. */
  version: z.string(),
  versionArn: z.string(),
  environmentVariableCount: z.number().int(),
  /** The detector's verdict on the version's Environment.Variables (as for $LATEST); an error when Lambda could not return them. */
  environmentSecrets: collectedSchema(z.array(secretMatchSchema)),
});
export type LambdaVersion = z.infer<typeof lambdaVersionSchema>;

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
  /**
   * ListVersionsByFunction: the published versions, each with its own (immutable) environment verdict — a secret
   * removed from $LATEST stays readable in every version published before.
   */
  publishedVersions: collectedSchema(z.array(lambdaVersionSchema)),
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
