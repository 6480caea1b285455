// data-classification-tags: data stores carry a classification tag with an allowed value, and Macie runs where the
// configuration says sensitive data is present (controls.md 1.C). Tagged data stores come from the Tagging API;
// S3 buckets that never had a tag (which that API does not list) come from the S3 bucket list.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { TaggedResource } from '../../services/tagging/schema.ts';
import { readInRegion, regionResource } from '../helpers/regional.ts';
import { defineCheck, type CheckContext } from '../define.ts';
import { membership, organizationReader } from '../account/org-context.ts';

export interface ClassificationOptions {
  tagKey: string;
  /** Values the key may take (case-insensitive); empty: any non-empty value. */
  allowedValues: string[];
  /** The account holds sensitive data, so Macie must be ENABLED in every Region with data stores. */
  sensitiveDataPresent: boolean;
}

const RESOURCE_TYPES: Record<string, string> = {
  s3: 'AwsS3Bucket',
  'rds:db': 'AwsRdsDbInstance',
  'rds:cluster': 'AwsRdsDbCluster',
  'dynamodb:table': 'AwsDynamoDbTable',
  'redshift:cluster': 'AwsRedshiftCluster',
  'elasticfilesystem:file-system': 'AwsEfsFileSystem',
};

function storeResource(r: TaggedResource): ResourceRef {
  const name = r.arn.split(/[:/]/).at(-1) ?? r.arn;
  return { type: RESOURCE_TYPES[r.resourceType] ?? 'AwsResource', id: name, arn: r.arn };
}

export default defineCheck<ClassificationOptions>({
  meta: {
    id: 'data-classification-tags',
    title: 'Data stores carry a classification tag (and Macie is used where required)',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsS3Bucket',
    rationale:
      'Controls for data (who may read it, how long it is kept, whether it may be public) can only follow a classification that is recorded on the data store; untagged stores are the ones nobody knows to protect.',
    remediation: {
      text: 'Tag every data store with the classification key and an allowed value, enforce the key with an Organizations tag policy, and enable Macie where sensitive data is kept (paid, opt-in).',
      cli: 'aws resourcegroupstaggingapi tag-resources --resource-arn-list <arn> --tags data-classification=internal',
    },
    references: [
      'https://docs.aws.amazon.com/whitepapers/latest/data-classification/data-classification.html',
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_tag-policies.html',
    ],
    compliance: { cisAws3: ['2.1.3'], prowler: ['organizations_tags_policies_enabled_and_attached', 'macie_is_enabled'], sources: ['000', '003', '002'] },
    fixable: false,
    reads: ['regional.*.tagging.dataStores', 'regional.*.tagging.macie', 's3.buckets', 'organizations.tagPolicies'],
  },
  defaultOptions: { tagKey: 'data-classification', allowedValues: ['public', 'internal', 'confidential', 'restricted'], sensitiveDataPresent: false },
  evaluate(ctx): CheckResult[] {
    const o = ctx.options;
    const results: CheckResult[] = [];
    const allowed = o.allowedValues.map((v) => v.toLowerCase());
    const policyNote = tagPolicyNote(ctx, o.tagKey);
    const judge = (resource: ResourceRef, tags: Record<string, string>, region: string | undefined) => {
      const value = Object.entries(tags).find(([k]) => k === o.tagKey)?.[1];
      const extra = { ...(region === undefined ? {} : { region }), evidence: { tagKey: o.tagKey, value: value ?? null, tagPolicy: policyNote } };
      if (value === undefined || value.trim() === '') {
        results.push(ctx.warn(resource, `${resource.id} has no ${o.tagKey} tag (${policyNote})`, extra));
      } else if (allowed.length > 0 && !allowed.includes(value.toLowerCase())) {
        results.push(ctx.warn(resource, `${resource.id} is tagged ${o.tagKey}=${value}, which is not one of ${o.allowedValues.join(', ')}`, extra));
      } else {
        results.push(ctx.pass(resource, `${resource.id} is classified ${o.tagKey}=${value}`, extra));
      }
    };

    // Tagged data stores per Region; S3 tags from every readable Region (bucket ARNs carry no Region).
    const readable = new Map<string, TaggedResource[]>();
    // a bucket's tags and the Region whose tag listing holds them (which says where the bucket is, even when its
    // own GetBucketLocation failed)
    const s3Tags = new Map<string, { tags: Record<string, string>; region: string }>();
    for (const [region, r] of ctx.regions()) {
      const stores = readInRegion(ctx, r.tagging.dataStores, 'the tags of data stores (GetResources)', region);
      if (!stores.ok) {
        results.push(stores.result);
        continue;
      }
      readable.set(region, stores.value);
      for (const s of stores.value) if (s.resourceType === 's3' && !s3Tags.has(s.arn)) s3Tags.set(s.arn, { tags: s.tags, region });
    }
    const withStores = new Set<string>();
    for (const [region, stores] of readable) {
      for (const s of stores) {
        if (s.resourceType === 's3') continue;
        withStores.add(region);
        judge(storeResource(s), s.tags, region);
      }
    }
    const buckets = ctx.account.s3.buckets;
    if (!buckets.ok) {
      results.push(ctx.error(ctx.accountResource(), buckets.error, 'could not list the S3 buckets to judge their classification'));
    } else {
      for (const b of buckets.value) {
        const resource = { type: 'AwsS3Bucket', id: b.name, arn: b.arn };
        const tagged = s3Tags.get(b.arn);
        const tags = tagged?.tags;
        const region = b.region.ok ? b.region.value : tagged?.region;
        if (tags === undefined && (region === undefined || !readable.has(region))) {
          // untagged, or in a Region whose tag listing failed: only a readable listing proves "no tags"
          const listing = region === undefined ? undefined : ctx.account.regional[region]?.tagging.dataStores;
          const where = region === undefined ? {} : { region };
          if (!b.region.ok) results.push(ctx.error(resource, b.region.error, `could not read the Region of bucket ${b.name}`));
          else if (listing !== undefined && !listing.ok) results.push(ctx.error(resource, listing.error, `could not read the tags of bucket ${b.name}`, where));
          else results.push(ctx.error(resource, { code: 'NotCollected', operation: 'tag:GetResources', message: `bucket ${b.name} is in ${region}, which this scan did not cover` }, undefined, where));
          continue;
        }
        if (region !== undefined) withStores.add(region);
        judge(resource, tags ?? {}, region);
      }
    }

    // Macie, where the configuration says sensitive data is present.
    if (o.sensitiveDataPresent) {
      for (const [region, r] of ctx.regions()) {
        if (!withStores.has(region)) continue;
        const macie = readInRegion(ctx, r.tagging.macie, 'the Macie session (GetMacieSession)', region);
        if (!macie.ok) {
          results.push(macie.result);
          continue;
        }
        const status = macie.value?.status ?? 'not enabled';
        const resource = regionResource(region);
        if (status === 'ENABLED') results.push(ctx.pass(resource, `Macie is enabled in ${region}`, { region, evidence: { macie: status } }));
        else results.push(ctx.fail(resource, `Macie is ${status} in ${region}, which holds data stores and sensitive data is declared present`, { region, evidence: { macie: status } }));
      }
    }
    return results;
  },
});

/** Whether an Organizations tag policy names the key (evidence only: the row reports it, it does not judge it). */
function tagPolicyNote(ctx: CheckContext<ClassificationOptions>, key: string): string {
  const m = membership(ctx);
  if (!m.ok || m.value.kind === 'standalone') return 'no organization tag policy (not in an organization)';
  const reader = organizationReader(ctx, m.value.organization);
  if (!reader.ok) return 'tag policies not readable from this scan';
  const policies = reader.value.organizations.tagPolicies;
  if (!policies.ok) return `tag policies not readable (${policies.error.code})`;
  const naming = (policies.value ?? []).filter((p) => JSON.stringify(p.content ?? '').toLowerCase().includes(`"${key.toLowerCase()}"`));
  return naming.length > 0 ? `tag policy ${naming.map((p) => `"${p.name}"`).join(', ')} names the key` : 'no tag policy enforces the key';
}
