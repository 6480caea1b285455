// Registry of the org checks (explicit; no filesystem discovery), in catalog order (controls.md 1.C).
import type { Check } from '../define.ts';
import orgExists from './org-exists.ts';
import scpEnabled from './scp-enabled.ts';
import scpDenyLeaveOrg from './scp-deny-leave-org.ts';
import scpDenyRoot from './scp-deny-root.ts';

export const checks: Check[] = [
  orgExists as Check,
  scpEnabled as Check,
  scpDenyLeaveOrg as Check,
  scpDenyRoot as Check,
];
