// scp-protect-account-defaults: account-wide security defaults ("invariants") cannot be switched off in member
// accounts (controls.md 1.C, T6): an SCP denies the actions, or, for snapshot block public access, an EC2 declarative
// policy pins the setting. (EBS default encryption and S3 account BPA have no EC2 declarative attribute.)
import type { OrgPolicy } from '../../services/organizations/schema.ts';
import { defineCheck } from '../define.ts';
import { actionSetCoverage, refs } from './scp-actions.ts';
import { defaultScpScopeOptions, forEachMemberAccount, unparsedScpError, type ScpScopeOptions } from './scp-scope.ts';

export const T6_REQUIRED = ['s3:PutAccountPublicAccessBlock', 'ec2:DisableEbsEncryptionByDefault', 'ec2:DisableSnapshotBlockPublicAccess'] as const;
const SNAPSHOT_ACTION = 'ec2:DisableSnapshotBlockPublicAccess';
const DECLARATIVE = 'DECLARATIVE_POLICY_EC2';

const T6 = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ProtectAccountDefaults',
      Effect: 'Deny',
      Action: [...T6_REQUIRED, 'ec2:DisableImageBlockPublicAccess', 'ec2:ModifyInstanceMetadataDefaults'],
      Resource: '*',
    },
  ],
};

/** The snapshot block public access state a declarative policy assigns (`@@assign`), if any. */
function snapshotBpaState(p: OrgPolicy): string | undefined {
  const c = p.content as { ec2_attributes?: { snapshot_block_public_access?: { state?: { '@@assign'?: unknown } } } } | null;
  const v = typeof c === 'object' && c !== null ? c.ec2_attributes?.snapshot_block_public_access?.state?.['@@assign'] : undefined;
  return typeof v === 'string' ? v : undefined;
}

export default defineCheck<ScpScopeOptions>({
  meta: {
    id: 'scp-protect-account-defaults',
    title: 'SCP (or declarative policy) keeps account-wide security defaults ("invariants") from being switched off',
    severity: 'medium',
    scope: 'org',
    resourceType: 'AwsAccount',
    rationale:
      'Account-wide defaults such as S3 Block Public Access, EBS default encryption and snapshot block public access protect every new resource; if a member admin can turn them off, one API call undoes them for the whole account.',
    remediation: {
      text: 'Attach an SCP denying s3:PutAccountPublicAccessBlock, ec2:DisableEbsEncryptionByDefault and ec2:DisableSnapshotBlockPublicAccess (template T6; exempt the automation role that sets them) to the root or every top-level OU except the Exception OU. An EC2 declarative policy pinning snapshot block public access can stand in for the snapshot action.',
      cli: `aws organizations create-policy --type SERVICE_CONTROL_POLICY --name ProtectAccountDefaults --description "Members cannot switch off account-wide defaults" --content '${JSON.stringify(T6)}'\naws organizations attach-policy --policy-id <p-xxxx> --target-id <r-xxxx>`,
    },
    references: [
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_declarative.html',
      'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
    ],
    compliance: { cisAws3: [], prowler: [], sources: ['002'] },
    fixable: true,
    reads: ['organizations.organization', 'organizations.structure', 'organizations.declarativePolicies'],
  },
  defaultOptions: defaultScpScopeOptions,
  evaluate(ctx) {
    return forEachMemberAccount(ctx, 'a deny on switching off account defaults', (member) => {
      const c = actionSetCoverage(member.scps, T6_REQUIRED, ctx.options.allowedExemptionPrincipalPatterns);
      const id = member.resource.id;
      let open = c.open;
      let declarative: string | undefined;
      if (open.includes(SNAPSHOT_ACTION)) {
        const policies = ctx.account.organizations.declarativePolicies;
        if (!policies.ok) {
          // the one alternative that could close the gap is unreadable: only the other open actions are facts
          if (open.length === 1 || member.unparsed.length > 0) {
            return ctx.error(member.resource, policies.error, `could not read the EC2 declarative policies that might pin snapshot block public access for account ${id}`);
          }
          open = open.filter((a) => a !== SNAPSHOT_ACTION);
          declarative = `${SNAPSHOT_ACTION} is not SCP-denied and the EC2 declarative policies could not be read (${policies.error.code})`;
        } else {
          const structure = ctx.account.organizations.structure;
          const enabled = structure.ok && (structure.value?.roots[0]?.policyTypes ?? []).some((t) => t.type === DECLARATIVE && t.status === 'ENABLED');
          const targets = new Set(member.targetIds ?? []);
          const reaching = (policies.value ?? []).filter((p) => p.targets.some((t) => targets.has(t.targetId)));
          const pinning = reaching.find((p) => (snapshotBpaState(p) ?? 'unblocked') !== 'unblocked');
          // inheritance of management policies lets a lower-level @@assign override: any "unblocked" on the way voids the pin
          const unblocking = reaching.some((p) => snapshotBpaState(p) === 'unblocked');
          if (enabled && pinning !== undefined && !unblocking) {
            declarative = `declarative policy "${pinning.name}" (${pinning.id}) pins snapshot block public access to ${snapshotBpaState(pinning)}`;
            open = open.filter((a) => a !== SNAPSHOT_ACTION);
          }
        }
      }
      const evidence = { ouPath: member.ouPath, scps: member.scps.map((s) => s.name), denied: c.denied, open, declarative: declarative ?? null, gaps: c.gaps };
      if (open.length === 0) {
        return ctx.pass(member.resource, `account ${id} cannot switch off its account-wide defaults: denied by ${refs(c.via)}${declarative ? `; ${declarative}` : ''}`, { evidence });
      }
      if (member.unparsed.length > 0) return unparsedScpError(ctx, member);
      const gaps = c.gaps.length > 0 ? `; near misses: ${c.gaps.join(' | ')}` : '';
      return ctx.fail(member.resource, `in account ${id} nothing prevents ${open.join(', ')}${declarative ? `; ${declarative}` : ''}${gaps}`, { evidence });
    });
  },
});
