// Registry of the network checks (explicit; no filesystem discovery), in catalog order.
import type { Check } from '../define.ts';
import sgOpenAdminPorts from './sg-open-admin-ports.ts';

export const checks: Check[] = [
  sgOpenAdminPorts as Check,
];
