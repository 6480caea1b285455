// Secrets Manager collector (per Region): ListSecrets (metadata with rotation state and dates) and GetResourcePolicy
// per secret. It never calls GetSecretValue: no secret value is read, stored or printed.
import { GetResourcePolicyCommand, paginateListSecrets, SecretsManagerClient, type SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { drain } from '../../collectors/collect.ts';
import { need, orNull, read, regionalClient } from '../../collectors/regional/shared.ts';
import { isoOrNull, parsePolicyDocument } from '../../collectors/shape.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { ok } from '../../inventory/collected.ts';
import type { Secret, SecretsManagerSlice } from './schema.ts';

const OPS = { list: 'secretsmanager:ListSecrets', policy: 'secretsmanager:GetResourcePolicy' } as const;

function toRow(s: SecretListEntry): Omit<Secret, 'resourcePolicy'> {
  return {
    name: need(s.Name, 'SecretListEntry.Name'),
    arn: need(s.ARN, 'SecretListEntry.ARN'),
    // ListSecrets leaves RotationEnabled out for a secret whose rotation was never turned on: absent means off.
    rotationEnabled: s.RotationEnabled === true,
    rotationAfterDays: orNull(s.RotationRules?.AutomaticallyAfterDays),
    rotationSchedule: orNull(s.RotationRules?.ScheduleExpression),
    lastRotatedDate: isoOrNull(s.LastRotatedDate),
    lastChangedDate: isoOrNull(s.LastChangedDate),
    createdDate: isoOrNull(s.CreatedDate),
    owningService: orNull(s.OwningService),
    primaryRegion: orNull(s.PrimaryRegion),
  };
}

export const secretsManagerCollector: RegionalCollector<'secretsManager'> = {
  key: 'secretsManager',
  operations: Object.values(OPS),
  async collect(ctx): Promise<SecretsManagerSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, SecretsManagerClient);
    const listed = await read(OPS.list, region, () =>
      limiter.run(async () => (await drain(paginateListSecrets({ client, pageSize: 100 }, {}), (p) => p.SecretList)).map(toRow)),
    );
    if (!listed.ok) return { secrets: listed };
    const secrets = await Promise.all(
      listed.value.map(
        async (row): Promise<Secret> => ({
          ...row,
          // an answer without ResourcePolicy means the secret has none
          resourcePolicy: await read(OPS.policy, region, () =>
            limiter.run(async () => parsePolicyDocument((await client.send(new GetResourcePolicyCommand({ SecretId: row.arn }))).ResourcePolicy)),
          ),
        }),
      ),
    );
    return { secrets: ok(secrets) };
  },
};
