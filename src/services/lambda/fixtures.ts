// Lambda fixtures: the empty slice a fixture Region starts with, and a function builder with safe defaults.
import { ok } from '../../inventory/collected.ts';
import type { SecretMatch } from '../../secrets/schema.ts';
import type { LambdaFunction, LambdaSlice, LambdaVersion } from './schema.ts';

export function emptyLambda(): LambdaSlice {
  return { functions: ok([]) };
}

/** A function without secrets, resource policy or URL; `secrets` plants detector verdicts on its environment. */
export function lambdaFunction(
  name: string,
  opts: { region?: string; accountId?: string; secrets?: SecretMatch[]; variables?: number } & Partial<LambdaFunction> = {},
): LambdaFunction {
  const { region = 'us-east-1', accountId = '111111111111', secrets = [], variables, ...over } = opts;
  return {
    functionName: name,
    functionArn: `arn:aws:lambda:${region}:${accountId}:function:${name}`,
    runtime: 'nodejs22.x',
    environmentVariableCount: variables ?? secrets.length,
    environmentSecrets: ok(secrets),
    publishedVersions: ok([]),
    policy: ok(null),
    urlConfigs: ok([]),
    ...over,
  };
}

/** A published version of `functionArn`; `secrets` plants detector verdicts on its environment. */
export function lambdaVersion(functionArn: string, version: number, secrets: SecretMatch[] = [], over: Partial<LambdaVersion> = {}): LambdaVersion {
  return { version: String(version), versionArn: `${functionArn}:${version}`, environmentVariableCount: secrets.length, environmentSecrets: ok(secrets), ...over };
}
