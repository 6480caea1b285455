// ECS fixtures: the empty slice of a fixture Region, and task definition and cluster ARN builders.
import { ok } from '../../inventory/collected.ts';
import type { SecretMatch } from '../../secrets/schema.ts';
import type { EcsSlice, TaskDefinition } from './schema.ts';

export function emptyEcs(): EcsSlice {
  return { taskDefinitions: ok([]), clusters: ok([]) };
}

export function taskDefinition(family: string, revision = 1, secrets: SecretMatch[] = [], opts: { region?: string; accountId?: string } & Partial<TaskDefinition> = {}): TaskDefinition {
  const { region = 'us-east-1', accountId = '111111111111', ...over } = opts;
  return { taskDefinitionArn: `arn:aws:ecs:${region}:${accountId}:task-definition/${family}:${revision}`, family, revision, environmentSecrets: ok(secrets), ...over };
}

export function clusterArn(name: string, opts: { region?: string; accountId?: string } = {}): string {
  return `arn:aws:ecs:${opts.region ?? 'us-east-1'}:${opts.accountId ?? '111111111111'}:cluster/${name}`;
}
