// ECS collector (per Region): ListClusters (the cluster ARNs), ListTaskDefinitions (ACTIVE) once, the latest revision per family picked from the
// ARNs, then DescribeTaskDefinition for each; container environments are scanned here and only verdicts kept.
import { DescribeTaskDefinitionCommand, ECSClient, paginateListClusters, paginateListTaskDefinitions } from '@aws-sdk/client-ecs';
import { drain } from '../../collectors/collect.ts';
import { need, read, regionalClient } from '../../collectors/regional/shared.ts';
import { ResponseShapeError } from '../../collectors/shape.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { ok } from '../../inventory/collected.ts';
import { detectInVariables } from '../../secrets/detect.ts';
import type { SecretMatch } from '../../secrets/schema.ts';
import type { EcsSlice } from './schema.ts';

const OPS = {
  list: 'ecs:ListTaskDefinitions',
  describe: 'ecs:DescribeTaskDefinition',
  clusters: 'ecs:ListClusters',
} as const;

/** `arn:aws:ecs:region:account:task-definition/family:revision` → family and revision. */
export function parseTaskDefinitionArn(arn: string): { family: string; revision: number } {
  const m = /:task-definition\/(.+):(\d+)$/.exec(arn);
  if (!m?.[1] || !m[2]) throw new ResponseShapeError(`unexpected task definition ARN ${arn}`);
  return { family: m[1], revision: Number(m[2]) };
}

export const ecsCollector: RegionalCollector<'ecs'> = {
  key: 'ecs',
  operations: Object.values(OPS),
  async collect(ctx): Promise<EcsSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, ECSClient);
    const clustersRead = read(OPS.clusters, region, () =>
      limiter.run(async () => (await drain(paginateListClusters({ client, pageSize: 100 }, {}), (p) => p.clusterArns)).sort()),
    );
    const latest = await read(OPS.list, region, () =>
      limiter.run(async () => {
        const arns = await drain(paginateListTaskDefinitions({ client, pageSize: 100 }, { status: 'ACTIVE' }), (p) => p.taskDefinitionArns);
        const byFamily = new Map<string, { arn: string; family: string; revision: number }>();
        for (const arn of arns) {
          const parsed = parseTaskDefinitionArn(arn);
          const prior = byFamily.get(parsed.family);
          if (!prior || prior.revision < parsed.revision) byFamily.set(parsed.family, { arn, ...parsed });
        }
        return [...byFamily.values()].sort((a, b) => a.family.localeCompare(b.family));
      }),
    );
    if (!latest.ok) return { taskDefinitions: latest, clusters: await clustersRead };
    const taskDefinitions = await Promise.all(
      latest.value.map(async (t) => ({
        taskDefinitionArn: t.arn,
        family: t.family,
        revision: t.revision,
        environmentSecrets: await read(OPS.describe, region, () =>
          limiter.run(async () => {
            const td = need((await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: t.arn }))).taskDefinition, 'taskDefinition');
            const out: SecretMatch[] = [];
            for (const c of td.containerDefinitions ?? []) {
              const entries = (c.environment ?? []).map((e) => ({ name: need(e.name, 'environment.name'), value: e.value ?? '' }));
              out.push(...(await detectInVariables(entries, `containerDefinitions[${c.name ?? '?'}].environment`)));
            }
            return out;
          }),
        ),
      })),
    );
    return { taskDefinitions: ok(taskDefinitions), clusters: await clustersRead };
  },
};
