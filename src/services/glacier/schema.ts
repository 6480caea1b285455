// The Glacier slice of a Region's snapshot: every vault (ListVaults) with its vault access policy
// (GetVaultAccessPolicy), collected for resource-policies-public, which judges it.
import { z } from 'zod';
import { collectedSchema } from '../../inventory/collected.ts';

export const glacierVaultSchema = z.object({
  vaultName: z.string(),
  vaultArn: z.string(),
  /** GetVaultAccessPolicy, JSON-parsed when it parses (raw string otherwise); null on ResourceNotFoundException (no policy). */
  accessPolicy: collectedSchema(z.unknown()),
});
export type GlacierVault = z.infer<typeof glacierVaultSchema>;

export const glacierSchema = z.object({
  vaults: collectedSchema(z.array(glacierVaultSchema)),
});
export type GlacierSlice = z.infer<typeof glacierSchema>;
