// CloudFormation collector (per Region): one paginated DescribeStacks, which carries every stack's parameters and
// outputs; the detector runs here and only its verdicts are kept. Templates are not read (the row judges the
// values a stack was given and exports, not its source).
import { CloudFormationClient, paginateDescribeStacks } from '@aws-sdk/client-cloudformation';
import { drain } from '../../collectors/collect.ts';
import { need, read, regionalClient } from '../../collectors/regional/shared.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { detectInVariables } from '../../secrets/detect.ts';
import type { CloudFormationSlice } from './schema.ts';

const OPS = { describe: 'cloudformation:DescribeStacks' } as const;

export const cloudformationCollector: RegionalCollector<'cloudformation'> = {
  key: 'cloudformation',
  operations: Object.values(OPS),
  async collect(ctx): Promise<CloudFormationSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, CloudFormationClient);
    const stacks = await read(OPS.describe, region, () =>
      limiter.run(async () => {
        const listed = await drain(paginateDescribeStacks({ client }, {}), (p) => p.Stacks);
        return Promise.all(
          listed.map(async (s) => {
            // SSM-typed parameters hold a parameter name (ResolvedValue is what SSM returned): references, skipped
            const parameters = (s.Parameters ?? [])
              .filter((p) => p.ResolvedValue === undefined)
              .map((p) => ({ name: need(p.ParameterKey, 'Parameters.ParameterKey'), value: p.ParameterValue ?? '' }));
            const outputs = (s.Outputs ?? []).map((o) => ({ name: need(o.OutputKey, 'Outputs.OutputKey'), value: o.OutputValue ?? '' }));
            return {
              stackName: need(s.StackName, 'Stacks.StackName'),
              stackId: need(s.StackId, 'Stacks.StackId'),
              secrets: [...(await detectInVariables(parameters, 'Parameters')), ...(await detectInVariables(outputs, 'Outputs'))],
            };
          }),
        );
      }),
    );
    return { stacks };
  },
};
