// Fixes that can break a workload (controls.md "yes (disruptive)"): planned only for check ids listed under
// `disruptive` in the baseline; otherwise each finding is reported as blocked with the reason.
import type { Finding } from '../../findings/finding.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type { Baseline } from '../baseline.ts';
import { emptyOutput, makeAction, type BuildOutput, type PlanContext } from '../plan-context.ts';
import { bpaParams } from './account.ts';

function optedIn(ctx: PlanContext, checkId: Baseline['disruptive'][number], failing: Finding[], out: BuildOutput): boolean {
  if (failing.length === 0) return false;
  if (ctx.baseline.disruptive.includes(checkId)) return true;
  out.blocked.push({
    what: `${checkId}: ${failing.length} finding${failing.length === 1 ? '' : 's'} in ${failing[0]!.accountId}`,
    reason: `the fix may break workloads; add ${checkId} to \`disruptive\` in the baseline to plan it`,
  });
  return false;
}

export function openIngressBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  const failing = ctx.failing('sg-open-admin-ports', account.accountId);
  if (!optedIn(ctx, 'sg-open-admin-ports', failing, out)) return out;
  const seen = new Set<string>();
  for (const f of failing) {
    const ev = f.evidence as { groupId?: string; ruleId?: string } | undefined;
    const region = f.region;
    if (!ev?.groupId || !ev.ruleId || !region || seen.has(ev.ruleId)) continue;
    seen.add(ev.ruleId);
    const groups = account.regional[region]?.ec2.securityGroups;
    const rule = groups?.ok ? groups.value.find((g) => g.groupId === ev.groupId)?.rules.find((r) => r.ruleId === ev.ruleId) : undefined;
    if (!rule) continue;
    out.actions.push(
      makeAction({
        kind: 'ec2.revoke-open-ingress',
        target: ev.ruleId,
        title: `Revoke ingress rule ${ev.ruleId} (admin port open to the internet) of ${ev.groupId} in ${account.accountId} ${region}`,
        accountId: account.accountId,
        region,
        risk: 'disruptive',
        checkIds: ['sg-open-admin-ports'],
        calls: [{ service: 'ec2', operation: 'RevokeSecurityGroupIngress', params: { GroupId: ev.groupId, SecurityGroupRuleIds: [ev.ruleId] } }],
        permissions: ['ec2:RevokeSecurityGroupIngress', 'ec2:DescribeSecurityGroupRules', 'ec2:AuthorizeSecurityGroupIngress'],
        before: { present: true, rule },
        after: { present: false },
        rollback: { possible: true, how: 'AuthorizeSecurityGroupIngress with the same protocol, ports and CIDR (the rule gets a new id)' },
        details: { groupId: ev.groupId, rule },
        notes: ['reach the instances through EC2 Instance Connect Endpoint or SSM Session Manager instead'],
      }),
    );
  }
  return out;
}

export function instanceImdsBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  const failing = ctx.failing('ec2-imdsv2-required', account.accountId).filter((f) => f.resource.type === 'AwsEc2Instance');
  if (!optedIn(ctx, 'ec2-imdsv2-required', failing, out)) return out;
  for (const f of failing) {
    if (!f.region) continue;
    const instances = account.regional[f.region]?.ec2.instances;
    const inst = instances?.ok ? instances.value.find((i) => i.instanceId === f.resource.id) : undefined;
    if (!inst?.metadataOptions) continue;
    out.actions.push(
      makeAction({
        kind: 'ec2.instance-imdsv2',
        target: inst.instanceId,
        title: `Require IMDSv2 on instance ${inst.instanceId} in ${account.accountId} ${f.region}`,
        accountId: account.accountId,
        region: f.region,
        risk: 'disruptive',
        checkIds: ['ec2-imdsv2-required'],
        calls: [{ service: 'ec2', operation: 'ModifyInstanceMetadataOptions', params: { InstanceId: inst.instanceId, HttpTokens: 'required', HttpEndpoint: 'enabled' } }],
        permissions: ['ec2:ModifyInstanceMetadataOptions', 'ec2:DescribeInstances'],
        before: { httpTokens: inst.metadataOptions.httpTokens },
        after: { httpTokens: 'required' },
        rollback: { possible: true, how: `ModifyInstanceMetadataOptions HttpTokens ${inst.metadataOptions.httpTokens ?? 'optional'}` },
        notes: ['software on the instance that still uses IMDSv1 (old SDKs, curl scripts) loses its credentials'],
      }),
    );
  }
  return out;
}

export function bucketBpaBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  const failing = ctx.failing('s3-bucket-public', account.accountId);
  if (!optedIn(ctx, 's3-bucket-public', failing, out)) return out;
  if (!account.s3.buckets.ok) return out;
  for (const f of failing) {
    const bucket = account.s3.buckets.value.find((b) => b.name === f.resource.id);
    if (!bucket || !bucket.publicAccessBlock.ok) continue;
    const all = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
    out.actions.push(
      makeAction({
        kind: 's3.bucket-bpa',
        target: bucket.name,
        title: `Turn on Block Public Access for bucket ${bucket.name} in ${account.accountId}`,
        accountId: account.accountId,
        region: bucket.region.ok ? bucket.region.value : null,
        risk: 'disruptive',
        checkIds: ['s3-bucket-public', 's3-bucket-bpa'],
        calls: [{ service: 's3', operation: 'PutPublicAccessBlock', params: { Bucket: bucket.name, PublicAccessBlockConfiguration: bpaParams(all) } }],
        permissions: ['s3:PutBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock'],
        before: bucket.publicAccessBlock.value,
        after: all,
        rollback: { possible: true, how: bucket.publicAccessBlock.value === null ? 'DeletePublicAccessBlock (there was none)' : 'PutPublicAccessBlock with the previous flags' },
        notes: ['anyone reading the bucket without credentials loses access'],
      }),
    );
  }
  return out;
}
