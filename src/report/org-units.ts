// Which OU each account of the organization sits in, from whichever scanned account could read the structure
// (the management account or a delegated administrator). Reports group findings by OU with it.
import type { Snapshot } from '../inventory/snapshot.ts';

/** Account id → OU names from the root down ([] directly under the root). Empty when no structure was readable. */
export function accountOuPaths(snapshot: Snapshot): Record<string, string[]> {
  for (const account of snapshot.accounts) {
    const structure = account.organizations.structure;
    if (!structure.ok || structure.value === null) continue;
    const { roots, organizationalUnits, accounts } = structure.value;
    const rootIds = new Set(roots.map((r) => r.id));
    const ous = new Map(organizationalUnits.map((ou) => [ou.id, ou]));
    const paths: Record<string, string[]> = {};
    for (const a of accounts) {
      const path: string[] = [];
      let parent = a.parentId;
      // bounded walk: a malformed structure with a cycle must not hang a report
      for (let depth = 0; !rootIds.has(parent) && depth < 10; depth++) {
        const ou = ous.get(parent);
        if (!ou) break;
        path.unshift(ou.name);
        parent = ou.parentId;
      }
      paths[a.id] = path;
    }
    return paths;
  }
  return {};
}
