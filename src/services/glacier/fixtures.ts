// Test and demo data for the Glacier slice.
import { ok } from '../../inventory/collected.ts';
import type { GlacierSlice, GlacierVault } from './schema.ts';

/** A Region without Glacier vaults. */
export function emptyGlacier(): GlacierSlice {
  return { vaults: ok([]) };
}

/** A vault without an access policy unless one is given. */
export function glacierVault(name: string, accessPolicy: unknown = null, region = 'us-east-1', account = '111111111111'): GlacierVault {
  return { vaultName: name, vaultArn: `arn:aws:glacier:${region}:${account}:vaults/${name}`, accessPolicy: ok(accessPolicy) };
}
