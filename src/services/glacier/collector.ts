// Glacier collector (per Region): every vault (ListVaults, paginated) and each vault's access policy
// (GetVaultAccessPolicy; ResourceNotFoundException is the documented "no policy", a null value) — collected for
// resource-policies-public, which judges them.
import { GetVaultAccessPolicyCommand, GlacierClient, paginateListVaults } from '@aws-sdk/client-glacier';
import { drain } from '../../collectors/collect.ts';
import { need, read, readOrAbsent, regionalClient } from '../../collectors/regional/shared.ts';
import { parsePolicyDocument } from '../../collectors/shape.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { ok } from '../../inventory/collected.ts';
import type { GlacierSlice, GlacierVault } from './schema.ts';

const OPS = { list: 'glacier:ListVaults', policy: 'glacier:GetVaultAccessPolicy' } as const;
// "-": the account of the credentials that sign the request (Glacier requires the account id in every path).
const SIGNER_ACCOUNT = '-';

export const glacierCollector: RegionalCollector<'glacier'> = {
  key: 'glacier',
  operations: Object.values(OPS),
  async collect(ctx): Promise<GlacierSlice> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, GlacierClient);
    const listed = await read(OPS.list, region, () =>
      limiter.run(async () =>
        (await drain(paginateListVaults({ client, pageSize: 1000 }, { accountId: SIGNER_ACCOUNT }), (p) => p.VaultList)).map((v) => ({
          vaultName: need(v.VaultName, 'VaultList.VaultName'),
          vaultArn: need(v.VaultARN, 'VaultList.VaultARN'),
        })),
      ),
    );
    if (!listed.ok) return { vaults: listed };
    const vaults = await Promise.all(
      listed.value.map(
        async (v): Promise<GlacierVault> => ({
          ...v,
          accessPolicy: await readOrAbsent(OPS.policy, region, ['ResourceNotFoundException'], () =>
            limiter.run(async () =>
              parsePolicyDocument((await client.send(new GetVaultAccessPolicyCommand({ accountId: SIGNER_ACCOUNT, vaultName: v.vaultName }))).policy?.Policy),
            ),
          ),
        }),
      ),
    );
    return { vaults: ok(vaults) };
  },
};
