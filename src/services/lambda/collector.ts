// Lambda collector (per Region): ListFunctions (which carries Environment), with the secret detector run here so
// the snapshot keeps variable names and rule ids only; GetPolicy and ListFunctionUrlConfigs per function.
import { GetPolicyCommand, LambdaClient, paginateListFunctionUrlConfigs, paginateListFunctions, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { drain } from '../../collectors/collect.ts';
import { need, read, readOrAbsent, regionalClient } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { failed, ok, type Collected } from '../../inventory/collected.ts';
import { parsePolicyDocument } from '../../collectors/shape.ts';
import { detectInVariables } from '../../secrets/detect.ts';
import type { SecretMatch } from '../../secrets/schema.ts';
import type { LambdaFunction, LambdaSlice } from './schema.ts';

const OPS = {
  list: 'lambda:ListFunctions',
  policy: 'lambda:GetPolicy',
  urls: 'lambda:ListFunctionUrlConfigs',
} as const;

/** The detector's verdict on a function's environment; the values go out of scope here. */
async function environmentSecrets(f: FunctionConfiguration, region: string): Promise<Collected<SecretMatch[]>> {
  const env = f.Environment;
  if (env?.Error !== undefined && env.Variables === undefined) {
    const code = /AccessDenied|KMS/i.test(env.Error.ErrorCode ?? '') ? 'AccessDenied' : 'Unknown';
    return failed({ code, operation: OPS.list, region, message: `Lambda could not return the environment of ${f.FunctionName ?? '?'}: ${env.Error.ErrorCode ?? 'error'}` });
  }
  const entries = Object.entries(env?.Variables ?? {}).map(([name, value]) => ({ name, value }));
  try {
    return ok(await detectInVariables(entries, 'Environment.Variables'));
  } catch (e) {
    // one function the detector cannot scan is an error on that function, and the message holds no value
    return failed({ code: 'ParseError', operation: OPS.list, region, message: `the secret detector could not scan the environment of ${f.FunctionName ?? '?'} (${e instanceof Error ? e.name : 'error'})` });
  }
}

export const lambdaCollector: RegionalCollector<'lambda'> = {
  key: 'lambda',
  operations: Object.values(OPS),
  async collect(ctx): Promise<LambdaSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, LambdaClient);
    const listed = await read(OPS.list, region, () =>
      limiter.run(async () => {
        const fns = await drain(paginateListFunctions({ client, pageSize: 50 }, {}), (p) => p.Functions);
        // detection happens before anything is stored: only the verdicts leave this function
        return Promise.all(
          fns.map(async (f) => ({
            functionName: need(f.FunctionName, 'Functions.FunctionName'),
            functionArn: need(f.FunctionArn, 'Functions.FunctionArn'),
            runtime: f.Runtime ?? null,
            environmentVariableCount: Object.keys(f.Environment?.Variables ?? {}).length,
            environmentSecrets: await environmentSecrets(f, region),
          })),
        );
      }),
    );
    if (!listed.ok) return { functions: listed };
    const functions = await Promise.all(
      listed.value.map(async (f): Promise<LambdaFunction> => {
        const policy = await readOrAbsent(OPS.policy, region, ['ResourceNotFoundException'], () =>
          limiter.run(async () => parsePolicyDocument(need((await client.send(new GetPolicyCommand({ FunctionName: f.functionName }))).Policy, 'Policy'))),
        );
        const urlConfigs = await read(OPS.urls, region, () =>
          limiter.run(async () =>
            (await drain(paginateListFunctionUrlConfigs({ client, pageSize: 50 }, { FunctionName: f.functionName }), (p) => p.FunctionUrlConfigs)).map((u) => ({
              functionUrl: need(u.FunctionUrl, 'FunctionUrlConfigs.FunctionUrl'),
              authType: need(u.AuthType, 'FunctionUrlConfigs.AuthType'),
            })),
          ),
        );
        return { ...f, policy, urlConfigs };
      }),
    );
    return { functions: ok(functions) };
  },
};
