// Test and demo data for the KMS slice.
import { ok } from '../../inventory/collected.ts';
import type { KmsKey, KmsSlice } from './schema.ts';

export function emptyKms(): KmsSlice {
  return { keys: ok([]) };
}

// --- cat-storage ---
/** The key policy KMS gives a key created without one: the account (its IAM policies) may use and manage the key. */
export function defaultKeyPolicy(accountId: string): unknown {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }],
  };
}

export interface KmsKeyOptions {
  rotation?: boolean | null;
  keyManager?: string;
  keySpec?: string;
  keyState?: string;
  origin?: string;
}

/** A customer-managed symmetric key (defaults) with rotation on or off. */
export function kmsKey(keyId: string, region: string, accountId: string, opts: KmsKeyOptions = {}): KmsKey {
  return {
    keyId,
    arn: `arn:aws:kms:${region}:${accountId}:key/${keyId}`,
    metadata: ok({
      keyManager: opts.keyManager ?? 'CUSTOMER',
      keySpec: opts.keySpec ?? 'SYMMETRIC_DEFAULT',
      keyState: opts.keyState ?? 'Enabled',
      origin: opts.origin ?? 'AWS_KMS',
    }),
    rotationEnabled: ok(opts.rotation === undefined ? true : opts.rotation),
    tags: ok((opts.keyManager ?? 'CUSTOMER') === 'CUSTOMER' ? {} : null),
    policy: ok((opts.keyManager ?? 'CUSTOMER') === 'CUSTOMER' ? defaultKeyPolicy(accountId) : null),
    grants: ok((opts.keyManager ?? 'CUSTOMER') === 'CUSTOMER' ? [] : null),
  };
}
