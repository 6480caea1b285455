// Registry of the iam checks (explicit; no filesystem discovery), in catalog order (controls.md 1.B).
import type { Check } from '../define.ts';
import iamUserConsoleMfa from './iam-user-console-mfa.ts';
import iamUserConsoleUnused from './iam-user-console-unused.ts';
import iamAccessKeyUnused from './iam-access-key-unused.ts';
import iamAccessKeyAge from './iam-access-key-age.ts';
import iamUserTwoActiveKeys from './iam-user-two-active-keys.ts';
import iamUserStaticKeys from './iam-user-static-keys.ts';
import identityCenterEnabled from './identity-center-enabled.ts';
import iamHumansViaIdentityCenter from './iam-humans-via-identity-center.ts';
import securityTeamPermissionSets from './security-team-permission-sets.ts';
import iamPoliciesOnUsers from './iam-policies-on-users.ts';
import iamAdminSprawl from './iam-admin-sprawl.ts';
import iamFullAdminCustomPolicy from './iam-full-admin-custom-policy.ts';
import passwordPolicy from './password-policy.ts';
import iamUnusedRoles from './iam-unused-roles.ts';
import roleTrustWildcard from './role-trust-wildcard.ts';
import crossAccountTrustExternalid from './cross-account-trust-externalid.ts';
import leakedKeyQuarantine from './leaked-key-quarantine.ts';
import accessAnalyzerExternalFindings from './access-analyzer-external-findings.ts';
import accessAnalyzerUnusedAccess from './access-analyzer-unused-access.ts';

export const checks: Check[] = [
  iamUserConsoleMfa as Check,
  iamUserConsoleUnused as Check,
  iamAccessKeyUnused as Check,
  iamAccessKeyAge as Check,
  iamUserTwoActiveKeys as Check,
  iamUserStaticKeys as Check,
  identityCenterEnabled as Check,
  iamHumansViaIdentityCenter as Check,
  securityTeamPermissionSets as Check,
  iamPoliciesOnUsers as Check,
  iamAdminSprawl as Check,
  iamFullAdminCustomPolicy as Check,
  passwordPolicy as Check,
  iamUnusedRoles as Check,
  roleTrustWildcard as Check,
  crossAccountTrustExternalid as Check,
  leakedKeyQuarantine as Check,
  accessAnalyzerExternalFindings as Check,
  accessAnalyzerUnusedAccess as Check,
];
