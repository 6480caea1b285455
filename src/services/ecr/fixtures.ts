// Test and demo data for the ECR slice.
import { ok } from '../../inventory/collected.ts';
import type { EcrSlice, Repository } from './schema.ts';

export function emptyEcr(): EcrSlice {
  return { repositories: ok([]) };
}

/** A repository without a repository policy unless one is given. */
export function repository(name: string, policy: unknown = null, region = 'us-east-1', account = '111111111111'): Repository {
  return { name, arn: `arn:aws:ecr:${region}:${account}:repository/${name}`, registryId: account, policy: ok(policy) };
}
