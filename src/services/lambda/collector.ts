// Lambda collector (per Region): ListFunctions (which carries Environment), with the secret detector run here so
// the snapshot keeps variable names and rule ids only; GetPolicy, ListFunctionUrlConfigs and ListVersionsByFunction
// (paginated; each published version carries its own Environment, scanned the same way) per function.
import {
  GetPolicyCommand,
  LambdaClient,
  paginateListFunctionUrlConfigs,
  paginateListFunctions,
  paginateListVersionsByFunction,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
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
  versions: 'lambda:ListVersionsByFunction',
} as const;

/** The detector's verdict on a function's environment; the values go out of scope here. */
async function environmentSecrets(f: FunctionConfiguration, region: string, operation: string = OPS.list): Promise<Collected<SecretMatch[]>> {
  const env = f.Environment;
  const what = f.Version === undefined || f.Version === '$LATEST' ? (f.FunctionName ?? '?') : `${f.FunctionName ?? '?'} version ${f.Version}`;
  if (env?.Error !== undefined && env.Variables === undefined) {
    const code = /AccessDenied|KMS/i.test(env.Error.ErrorCode ?? '') ? 'AccessDenied' : 'Unknown';
    return failed({ code, operation, region, message: `Lambda could not return the environment of ${what}: ${env.Error.ErrorCode ?? 'error'}` });
  }
  const entries = Object.entries(env?.Variables ?? {}).map(([name, value]) => ({ name, value }));
  try {
    return ok(await detectInVariables(entries, 'Environment.Variables'));
  } catch (e) {
    // one function the detector cannot scan is an error on that function, and the message holds no value
    return failed({ code: 'ParseError', operation, region, message: `the secret detector could not scan the environment of ${what} (${e instanceof Error ? e.name : 'error'})` });
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
        const publishedVersions = await read(OPS.versions, region, () =>
          limiter.run(async () => {
            const versions = await drain(paginateListVersionsByFunction({ client, pageSize: 50 }, { FunctionName: f.functionName }), (p) => p.Versions);
            // the values are scanned and dropped here, as for $LATEST
            return Promise.all(
              versions
                .filter((v) => v.Version !== '$LATEST')
                .map(async (v) => ({
                  version: need(v.Version, 'Versions.Version'),
                  versionArn: need(v.FunctionArn, 'Versions.FunctionArn'),
                  environmentVariableCount: Object.keys(v.Environment?.Variables ?? {}).length,
                  environmentSecrets: await environmentSecrets(v, region, OPS.versions),
                })),
            );
          }),
        );
        return { ...f, policy, urlConfigs, publishedVersions };
      }),
    );
    return { functions: ok(functions) };
  },
};
