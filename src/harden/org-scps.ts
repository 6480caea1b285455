// The SCPs of a collected organization structure attached to some targets, parsed with src/policy. An SCP that
// does not parse is left out: callers use this to ask "is X already denied?", where leaving one out errs towards
// planning the guardrail (or refusing the plan), never towards skipping it.
import type { OrgStructure } from '../services/organizations/schema.ts';
import { parsePolicy, PolicyParseError, type ScpDocument } from '../policy/index.ts';

export const SCP_TYPE = 'SERVICE_CONTROL_POLICY';

export function scpDocumentsOn(structure: OrgStructure, targetIds: ReadonlySet<string>): ScpDocument[] {
  return structure.policies
    .filter((p) => p.type === SCP_TYPE && p.targets.some((t) => targetIds.has(t.targetId)))
    .flatMap((p) => {
      try {
        return [{ policyId: p.id, name: p.name, document: parsePolicy(p.content) }];
      } catch (e) {
        if (e instanceof PolicyParseError) return [];
        throw e;
      }
    });
}

/** The account itself, every OU above it and the root: the targets whose SCPs reach it. */
export function pathTargets(structure: OrgStructure, accountId: string): Set<string> {
  const targets = new Set<string>([accountId]);
  let parent = structure.accounts.find((a) => a.id === accountId)?.parentId;
  while (parent !== undefined && !targets.has(parent)) {
    targets.add(parent);
    const current: string = parent;
    parent = structure.organizationalUnits.find((ou) => ou.id === current)?.parentId;
  }
  return targets;
}
