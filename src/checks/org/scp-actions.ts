// Shared by the scp-protect-* checks (not a check itself): which of a set of actions the SCPs reaching a member
// account deny, with the same rule as scp-deny-leave-org (src/policy scpDeniesAction).
import { scpDeniesAction, type ScpDocument, type ScpRef } from '../../policy/index.ts';

export interface ActionSetCoverage {
  denied: string[];
  open: string[];
  via: ScpRef[];
  /** Deny statements that name an open action but do not count, and why. */
  gaps: string[];
}

export function actionSetCoverage(scps: ScpDocument[], actions: readonly string[], allowedExemptionPrincipalPatterns: string[]): ActionSetCoverage {
  const out: ActionSetCoverage = { denied: [], open: [], via: [], gaps: [] };
  const seen = new Set<string>();
  for (const action of actions) {
    const c = scpDeniesAction(scps, action, { allowedExemptionPrincipalPatterns });
    if (c.covered) out.denied.push(action);
    else {
      out.open.push(action);
      for (const g of c.gaps) if (!out.gaps.includes(g)) out.gaps.push(g);
    }
    for (const v of c.via) {
      const key = `${v.policyId}|${v.sid ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.via.push(v);
      }
    }
  }
  return out;
}

export function refs(via: ScpRef[]): string {
  return via.map((v) => `"${v.name}"${v.sid ? ` (${v.sid})` : ''}`).join(', ');
}
