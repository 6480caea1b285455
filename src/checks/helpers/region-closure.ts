// When may a Region whose data could not be read count as closed on purpose (its checks not_applicable)? Only when
// it is shown: the user lists it in the config (`regions.denied`), or the SCPs in force for the account, as recorded
// in the snapshot's organization data, deny the refused action in that Region (e.g. template T3). Never from the
// wording of an error message: anything else stays an `error` with its cause.
import type { AccountSnapshot, Snapshot } from '../../inventory/snapshot.ts';
import type { OrgStructure } from '../../services/organizations/schema.ts';
import { parsePolicy, PolicyParseError, statementAppliesToAction, type PolicyStatement } from '../../policy/index.ts';
import { conditionEntries, type ConditionEntry } from '../../policy/conditions.ts';
import { globMatch } from '../../policy/glob.ts';

/** A Region the user declared closed, and where they said so (e.g. `rampart.yml:5`). */
export interface DeniedRegion {
  region: string;
  source: string;
}

/** Why `operation` cannot run in `region` for this account, when that is shown; undefined otherwise. */
export type RegionClosure = (region: string, operation: string) => string | undefined;

const SCP = 'SERVICE_CONTROL_POLICY';

/** The organization structure in the snapshot that lists this account, when some scanned account could read one. */
function structureListing(snapshot: Snapshot, accountId: string): { structure: OrgStructure; managementAccountId: string } | undefined {
  for (const a of snapshot.accounts) {
    const org = a.organizations.organization;
    const structure = a.organizations.structure;
    if (!org.ok || org.value === null || !structure.ok || structure.value === null) continue;
    if (org.value.featureSet !== 'ALL') continue;
    if (structure.value.accounts.some((m) => m.id === accountId)) return { structure: structure.value, managementAccountId: org.value.managementAccountId };
  }
  return undefined;
}

/** The SCPs attached to the account, its OUs and the root; undefined when the tree is broken or SCPs are off. */
function scpsInForce(structure: OrgStructure, accountId: string): Array<{ id: string; name: string; content: unknown }> | undefined {
  const root = structure.roots[0];
  const account = structure.accounts.find((a) => a.id === accountId);
  if (root === undefined || account === undefined) return undefined;
  if (!root.policyTypes.some((t) => t.type === SCP && t.status === 'ENABLED')) return undefined;
  const targets = new Set([account.id, root.id]);
  const ous = new Map(structure.organizationalUnits.map((ou) => [ou.id, ou]));
  for (let parent = account.parentId; parent !== root.id; ) {
    const ou = ous.get(parent);
    if (ou === undefined || targets.has(ou.id)) return undefined;
    targets.add(ou.id);
    parent = ou.parentId;
  }
  return structure.policies.filter((p) => p.type === SCP && p.targets.some((t) => targets.has(t.targetId)));
}

const NEGATED_STRING = new Set(['stringnotequals', 'stringnotequalsignorecase', 'stringnotlike']);
const POSITIVE_STRING = new Set(['stringequals', 'stringequalsignorecase', 'stringlike']);
const EXEMPTION = new Set(['arnnotlike', 'arnnotequals', 'stringnotlike', 'stringnotequals']);

function valueMatches(entry: ConditionEntry, value: string): boolean {
  const ci = entry.base.endsWith('ignorecase');
  return entry.values.some((v) => (entry.base.includes('like') ? globMatch(v, value, ci) : ci ? v.toLowerCase() === value.toLowerCase() : v === value));
}

/**
 * Whether the condition of a Deny certainly holds for the caller's request in `region`: every entry is a Region
 * test that the Region meets, or a principal exemption that does not exempt the caller. Any other condition (or an
 * unknown caller facing an exemption) cannot be decided from the snapshot, so the Deny is not taken as shown.
 */
function conditionHolds(st: PolicyStatement, region: string, callerArn: string | null): boolean {
  for (const e of conditionEntries(st)) {
    if (e.set !== undefined) return false;
    const key = e.key.toLowerCase();
    if (key === 'aws:requestedregion' && NEGATED_STRING.has(e.base)) {
      if (valueMatches(e, region)) return false;
    } else if (key === 'aws:requestedregion' && POSITIVE_STRING.has(e.base) && !e.ifExists) {
      if (!valueMatches(e, region)) return false;
    } else if (key === 'aws:principalarn' && EXEMPTION.has(e.base)) {
      if (callerArn === null || valueMatches(e, callerArn)) return false;
    } else {
      return false;
    }
  }
  return true;
}

function scpDenial(scps: Array<{ id: string; name: string; content: unknown }>, region: string, operation: string, callerArn: string | null): string | undefined {
  for (const scp of scps) {
    let statements: PolicyStatement[];
    try {
      statements = parsePolicy(scp.content).statements;
    } catch (e) {
      if (e instanceof PolicyParseError) continue;
      throw e;
    }
    for (const [index, st] of statements.entries()) {
      if (st.effect !== 'Deny' || st.notResource !== undefined || !(st.resource ?? []).includes('*')) continue;
      if (!statementAppliesToAction(st, operation) || !conditionHolds(st, region, callerArn)) continue;
      return `the SCP "${scp.name}" (${scp.id}) statement ${st.sid ?? `#${index}`} denies ${operation} in ${region}`;
    }
  }
  return undefined;
}

/** The closure test for one account: the config's denied Regions first, then the SCPs in force for it. */
export function regionClosure(snapshot: Snapshot, account: AccountSnapshot, denied: readonly DeniedRegion[] = []): RegionClosure {
  let scps: Array<{ id: string; name: string; content: unknown }> | null | undefined;
  const scpsOnce = () => {
    if (scps === undefined) {
      const listing = structureListing(snapshot, account.accountId);
      // the management account is never restricted by SCPs
      scps = listing === undefined || listing.managementAccountId === account.accountId ? null : (scpsInForce(listing.structure, account.accountId) ?? null);
    }
    return scps;
  };
  return (region, operation) => {
    const listed = denied.find((d) => d.region === region);
    if (listed !== undefined) return `${region} is listed in regions.denied (${listed.source})`;
    const inForce = scpsOnce();
    return inForce === null ? undefined : scpDenial(inForce, region, operation, account.callerArn);
  };
}
