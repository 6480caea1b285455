// CloudFormation fixtures: the empty slice of a fixture Region, and a stack builder.
import { ok } from '../../inventory/collected.ts';
import type { SecretMatch } from '../../secrets/schema.ts';
import type { CloudFormationSlice, Stack } from './schema.ts';

export function emptyCloudFormation(): CloudFormationSlice {
  return { stacks: ok([]) };
}

export function stack(stackName: string, secrets: SecretMatch[] = [], opts: { region?: string; accountId?: string } = {}): Stack {
  const { region = 'us-east-1', accountId = '111111111111' } = opts;
  return { stackName, stackId: `arn:aws:cloudformation:${region}:${accountId}:stack/${stackName}/00000000-0000-0000-0000-000000000000`, secrets };
}
