// KMS collector (per Region): every key with its metadata, and the rotation status of the keys where rotation is
// the customer's choice — what kms-rotation reads.
import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, paginateListKeys } from '@aws-sdk/client-kms';
import { drain } from '../collect.ts';
import type { RegionalCollector } from '../types.ts';
import { failed, ok, type Collected } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import { need, read, regionalClient, type ItemOf, type ValueOf } from './shared.ts';

type Key = ItemOf<RegionalSnapshot['kms']['keys']>;
type KeyMetadata = ValueOf<Key['metadata']>;

const OPS = {
  list: 'kms:ListKeys',
  describe: 'kms:DescribeKey',
  rotation: 'kms:GetKeyRotationStatus',
} as const;

/**
 * Rotation can be turned on only for enabled, customer-managed, symmetric keys with KMS-generated material;
 * for the others GetKeyRotationStatus is either meaningless (AWS rotates its own keys) or an error, so it is not asked.
 */
export function rotationEligible(m: KeyMetadata): boolean {
  return m.keyManager === 'CUSTOMER' && m.keySpec === 'SYMMETRIC_DEFAULT' && m.keyState === 'Enabled' && m.origin === 'AWS_KMS';
}

export const kmsCollector: RegionalCollector<'kms'> = {
  key: 'kms',
  operations: Object.values(OPS),
  async collect(ctx): Promise<RegionalSnapshot['kms']> {
    const { region, limiter } = ctx;
    const client = regionalClient(ctx, KMSClient);
    const listed = await read(OPS.list, region, () =>
      limiter.run(async () =>
        (await drain(paginateListKeys({ client, pageSize: 1000 }, {}), (p) => p.Keys)).map((k) => ({
          keyId: need(k.KeyId, 'Keys.KeyId'),
          arn: need(k.KeyArn, 'Keys.KeyArn'),
        })),
      ),
    );
    if (!listed.ok) return { keys: listed };
    // Two calls per key at most; ctx.limiter bounds how many run at once across the account's Regions.
    const keys = await Promise.all(
      listed.value.map(async ({ keyId, arn }): Promise<Key> => {
        const metadata = await read<KeyMetadata>(OPS.describe, region, () =>
          limiter.run(async () => {
            const m = need((await client.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata, 'KeyMetadata');
            return {
              keyManager: need(m.KeyManager, 'KeyMetadata.KeyManager'),
              keySpec: need(m.KeySpec, 'KeyMetadata.KeySpec'),
              keyState: need(m.KeyState, 'KeyMetadata.KeyState'),
              origin: need(m.Origin, 'KeyMetadata.Origin'),
            };
          }),
        );
        let rotationEnabled: Collected<boolean | null>;
        if (!metadata.ok) {
          // eligibility is unknown, so null ("not eligible") would be a guess
          rotationEnabled = failed({
            code: 'NotCollected',
            operation: OPS.rotation,
            region,
            message: `not read because ${OPS.describe} failed (${metadata.error.code})`,
          });
        } else if (!rotationEligible(metadata.value)) {
          rotationEnabled = ok(null);
        } else {
          rotationEnabled = await read(OPS.rotation, region, () =>
            limiter.run(async () => need((await client.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled, 'KeyRotationEnabled')),
          );
        }
        return { keyId, arn, metadata, rotationEnabled };
      }),
    );
    return { keys: ok(keys) };
  },
};
