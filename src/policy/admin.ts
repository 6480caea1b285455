// Detects statements that make a policy full administrator access, for `iam-full-admin-custom-policy`
// (controls.md: Allow, Action "*" or "*:*", Resource "*", and no Condition — the CIS 1.16 definition).
import type { PolicyDocument } from './parse.ts';

export function fullAdminStatements(doc: PolicyDocument): Array<{ index: number; sid?: string }> {
  const out: Array<{ index: number; sid?: string }> = [];
  doc.statements.forEach((st, index) => {
    if (st.effect !== 'Allow') return;
    if (!(st.action ?? []).some((a) => a === '*' || a === '*:*')) return;
    if (!(st.resource ?? []).includes('*')) return;
    // An empty Condition object constrains nothing, so it counts as no condition.
    if (Object.keys(st.condition ?? {}).length > 0) return;
    out.push(st.sid === undefined ? { index } : { index, sid: st.sid });
  });
  return out;
}
