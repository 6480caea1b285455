// Registry of the root-user and account-settings checks (explicit; no filesystem discovery), in catalog order.
import type { Check } from '../define.ts';
import rootMfa from './root-mfa.ts';
import rootAccessKeys from './root-access-keys.ts';
import rootRecentUse from './root-recent-use.ts';
import alternateContactSecurity from './alternate-contact-security.ts';

export const checks: Check[] = [
  rootMfa as Check,
  rootAccessKeys as Check,
  rootRecentUse as Check,
  alternateContactSecurity as Check,
];
