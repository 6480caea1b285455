// Safety guards run on every plan (by the planner, and again by apply on the plan file it is given):
// T7 only on the Suspended OU, nothing on the root that stops the organization from being administered, and no
// SCP that would deny the applying role a call the plan (or its rollback) needs.
import { UsageError } from '../core/errors.ts';
import type { AccountSnapshot, Snapshot } from '../inventory/snapshot.ts';
import { parsePolicy } from '../policy/index.ts';
import { pathTargets, scpDocumentsOn } from './org-scps.ts';
import type { Baseline } from './baseline.ts';
import type { PlanAction } from './plan-schema.ts';
import { denyingStatement } from './scp-eval.ts';

export class PlanRefusedError extends UsageError {}

interface ScpTarget {
  type: string;
  id: string | null;
  name: string;
}

/** Calls the organization's administrators and automation must keep, checked against anything attached to the root. */
const ADMINISTRATION_CALLS = ['organizations:DescribeOrganization', 'organizations:ListAccounts', 'sts:AssumeRole', 'iam:CreateRole', 'iam:PassRole'];

/** The baseline fields the attachment guard needs; the plan file carries them so apply can re-check. */
export interface GuardSettings {
  suspendedOu: string;
  memberAccessRole: string;
}

export function guardSettings(b: Baseline): GuardSettings {
  return { suspendedOu: b.organization.suspendedOu, memberAccessRole: b.memberAccessRole };
}

export function assertSafeAttachments(actions: readonly PlanAction[], settings: GuardSettings, homeRegion = 'us-east-1'): void {
  const automationPattern = `arn:aws:iam::*:role/${settings.memberAccessRole}`;
  const automation = automationPattern.replace('*', '000000000000');
  for (const a of actions) {
    if (a.kind !== 'org.scp') continue;
    const templates = (a.details['templates'] as string[] | undefined) ?? [];
    const targets = (a.details['targets'] as ScpTarget[] | undefined) ?? [];
    if (templates.includes('T7') && targets.some((t) => t.type !== 'ORGANIZATIONAL_UNIT' || t.name.toLowerCase() !== settings.suspendedOu.toLowerCase())) {
      throw new PlanRefusedError(`refusing ${a.id}: T7 (deny-all) may only be attached to the Suspended OU "${settings.suspendedOu}", not to ${targets.map((t) => t.name).join(', ')}`);
    }
    if (!targets.some((t) => t.type === 'ROOT')) continue;
    const doc = parsePolicy(JSON.parse(String(a.details['content'])));
    for (const call of ADMINISTRATION_CALLS) {
      const st = denyingStatement([doc], { action: call, principalArn: automation, region: homeRegion });
      if (st) {
        throw new PlanRefusedError(`refusing ${a.id}: attached to the root, statement ${st.sid ?? '(no Sid)'} would deny ${call} to ${automationPattern} in every account, which stops the organization from being administered`);
      }
    }
  }
}

/** The principal ARN an SCP sees for the caller: the role ARN (with its path, when the snapshot knows it). */
export function principalArnOfCaller(callerArn: string, account: AccountSnapshot | undefined): string {
  const assumed = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  if (!assumed) return callerArn;
  const [, partition, acct, roleName] = assumed;
  const details = account?.iam.authorizationDetails;
  const role = details?.ok ? details.value.roles.find((r) => r.roleName === roleName) : undefined;
  return role?.arn ?? `arn:${partition}:iam::${acct}:role/${roleName}`;
}

/**
 * Refuse a plan whose SCPs would deny the applying principal a permission of any of its actions (apply or rollback)
 * in the account and Region the action runs in. `after` is the snapshot with the plan simulated.
 */
export function assertNoLockout(actions: readonly PlanAction[], after: Snapshot, baseline: Baseline, caller: { accountId: string; principalArn: string } | undefined): void {
  const holder = after.accounts.find((a) => a.organizations.structure.ok && a.organizations.structure.value !== null);
  const structure = holder?.organizations.structure.ok ? holder.organizations.structure.value : null;
  const org = holder?.organizations.organization.ok ? holder.organizations.organization.value : null;
  if (!structure || !org) return;
  for (const a of actions) {
    if (a.accountId === org.managementAccountId) continue; // SCPs never restrict the management account
    const principalArn = caller && caller.accountId === a.accountId ? caller.principalArn : `arn:aws:iam::${a.accountId}:role/${baseline.memberAccessRole}`;
    const docs = structure.accounts.some((x) => x.id === a.accountId) ? scpDocumentsOn(structure, pathTargets(structure, a.accountId)).map((d) => d.document) : [];
    for (const permission of a.permissions) {
      const st = denyingStatement(docs, { action: permission, principalArn, region: a.region ?? 'us-east-1' });
      if (st) {
        throw new PlanRefusedError(
          `refusing the baseline: SCP statement ${st.sid ?? '(no Sid)'} would deny ${permission} to ${principalArn} in ${a.accountId} ${a.region ?? '(global)'}, locking the applying role out of ${a.id}`,
          { hint: `exempt the role under principals.audit (e.g. ${principalArn.replace(/::\d{12}:/, '::*:')}), or adjust regions.allowed / the scp section` },
        );
      }
    }
  }
}
