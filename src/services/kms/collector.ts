// KMS collector (per Region): every key with its metadata, and the rotation status of the keys where rotation is
// the customer's choice — what kms-rotation reads.
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  paginateListGrants,
  paginateListKeys,
  paginateListResourceTags,
} from '@aws-sdk/client-kms';
import { drain } from '../../collectors/collect.ts';
import { parsePolicyDocument } from '../../collectors/shape.ts';
import type { RegionalCollector } from '../../collectors/types.ts';
import { failed, ok, type Collected } from '../../inventory/collected.ts';
import type { RegionalSnapshot } from '../../inventory/snapshot.ts';
import { need, read, regionalClient, type ItemOf, type ValueOf } from '../../collectors/regional/shared.ts';

type Key = ItemOf<RegionalSnapshot['kms']['keys']>;
type KeyMetadata = ValueOf<Key['metadata']>;

const OPS = {
  list: 'kms:ListKeys',
  describe: 'kms:DescribeKey',
  rotation: 'kms:GetKeyRotationStatus',
  // --- cat-storage: what kms-encrypt-decrypt-separation reads, for customer-managed keys only ---
  tags: 'kms:ListResourceTags',
  policy: 'kms:GetKeyPolicy',
  grants: 'kms:ListGrants',
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
    /**
     * Tags, key policy and grants of a customer-managed key (three calls); AWS-managed keys get null (their policy is
     * AWS's and they carry no tags), and a key whose metadata failed gets NotCollected (whose key it is is unknown).
     */
    const customerKeyAccess = async (keyId: string, metadata: Collected<KeyMetadata>): Promise<Pick<Key, 'tags' | 'policy' | 'grants'>> => {
      if (!metadata.ok) {
        const notCollected = (operation: string) =>
          failed<never>({ code: 'NotCollected', operation, region, message: `not read because ${OPS.describe} failed (${metadata.error.code})` });
        return { tags: notCollected(OPS.tags), policy: notCollected(OPS.policy), grants: notCollected(OPS.grants) };
      }
      if (metadata.value.keyManager !== 'CUSTOMER') return { tags: ok(null), policy: ok(null), grants: ok(null) };
      const [tags, policy, grants] = await Promise.all([
        read(OPS.tags, region, () =>
          limiter.run(async () =>
            Object.fromEntries(
              (await drain(paginateListResourceTags({ client, pageSize: 50 }, { KeyId: keyId }), (p) => p.Tags)).map((t) => [need(t.TagKey, 'Tag.TagKey'), need(t.TagValue, 'Tag.TagValue')]),
            ),
          ),
        ),
        read(OPS.policy, region, () =>
          limiter.run(async () => parsePolicyDocument(need((await client.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy, 'Policy'))),
        ),
        read(OPS.grants, region, () =>
          limiter.run(async () =>
            (await drain(paginateListGrants({ client, pageSize: 100 }, { KeyId: keyId }), (p) => p.Grants)).map((g) => ({
              grantId: need(g.GrantId, 'Grant.GrantId'),
              granteePrincipal: g.GranteePrincipal ?? null,
              operations: g.Operations ?? [],
              constrained: g.Constraints !== undefined && Object.keys(g.Constraints).length > 0,
            })),
          ),
        ),
      ]);
      return { tags, policy, grants };
    };
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
        return { keyId, arn, metadata, rotationEnabled, ...(await customerKeyAccess(keyId, metadata)) };
      }),
    );
    return { keys: ok(keys) };
  },
};
