// ECR collector (per Region): private repositories (DescribeRepositories, paginated) and each repository's policy
// (GetRepositoryPolicy; RepositoryPolicyNotFoundException is the documented "no policy", a null value) — collected for
// the resource-policy checks, which judge them.
import { ECRClient, GetRepositoryPolicyCommand, paginateDescribeRepositories } from '@aws-sdk/client-ecr';
import { drain } from '../../collectors/collect.ts';
import { need, read, readOrAbsent, regionalClient } from '../../collectors/regional/shared.ts';
import { parsePolicyDocument } from '../../collectors/shape.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { ok } from '../../inventory/collected.ts';
import type { EcrSlice, Repository } from './schema.ts';

const OPS = { list: 'ecr:DescribeRepositories', policy: 'ecr:GetRepositoryPolicy' } as const;

export const ecrCollector: RegionalCollector<'ecr'> = {
  key: 'ecr',
  operations: Object.values(OPS),
  async collect(ctx): Promise<EcrSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, ECRClient);
    const listed = await read(OPS.list, region, () =>
      limiter.run(async () =>
        (await drain(paginateDescribeRepositories({ client, pageSize: 1000 }, {}), (p) => p.repositories)).map((r) => ({
          name: need(r.repositoryName, 'Repository.repositoryName'),
          arn: need(r.repositoryArn, 'Repository.repositoryArn'),
          registryId: need(r.registryId, 'Repository.registryId'),
        })),
      ),
    );
    if (!listed.ok) return { repositories: listed };
    const repositories = await Promise.all(
      listed.value.map(
        async (r): Promise<Repository> => ({
          ...r,
          policy: await readOrAbsent(OPS.policy, region, ['RepositoryPolicyNotFoundException'], () =>
            limiter.run(async () =>
              parsePolicyDocument((await client.send(new GetRepositoryPolicyCommand({ repositoryName: r.name, registryId: r.registryId }))).policyText),
            ),
          ),
        }),
      ),
    );
    return { repositories: ok(repositories) };
  },
};
