// Registry of the root-user and account-settings checks (explicit; no filesystem discovery), in catalog order.
import type { Check } from '../define.ts';
import rootMfa from './root-mfa.ts';
import rootHardwareMfa from './root-hardware-mfa.ts';
import rootAccessKeys from './root-access-keys.ts';
import rootRecentUse from './root-recent-use.ts';
import rootCredentialsCentralized from './root-credentials-centralized.ts';
import memberRootCredentialsRemoved from './member-root-credentials-removed.ts';
import alternateContactSecurity from './alternate-contact-security.ts';
import alternateContactsBillingOps from './alternate-contacts-billing-ops.ts';
import contactEmailsRoleBased from './contact-emails-role-based.ts';
import accountMgmtTrustedAccess from './account-mgmt-trusted-access.ts';

export const checks: Check[] = [
  rootMfa as Check,
  rootHardwareMfa as Check,
  rootAccessKeys as Check,
  rootRecentUse as Check,
  rootCredentialsCentralized as Check,
  memberRootCredentialsRemoved as Check,
  alternateContactSecurity as Check,
  alternateContactsBillingOps as Check,
  contactEmailsRoleBased as Check,
  accountMgmtTrustedAccess as Check,
];
