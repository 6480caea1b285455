// Registry of the org checks (explicit; no filesystem discovery), in catalog order (controls.md 1.C).
import type { Check } from '../define.ts';
import orgExists from './org-exists.ts';
import mgmtAccountNoWorkloads from './mgmt-account-no-workloads.ts';
import orgOuStructure from './org-ou-structure.ts';
import orgCoreAccounts from './org-core-accounts.ts';
import scpEnabled from './scp-enabled.ts';
import scpDenyLeaveOrg from './scp-deny-leave-org.ts';
import scpDenyRoot from './scp-deny-root.ts';
import scpRegionDeny from './scp-region-deny.ts';
import scpProtectCloudtrail from './scp-protect-cloudtrail.ts';
import scpProtectSecurityServices from './scp-protect-security-services.ts';
import scpProtectAccountDefaults from './scp-protect-account-defaults.ts';
import scpSuspendedOu from './scp-suspended-ou.ts';
import delegatedAdmins from './delegated-admins.ts';
import dataClassificationTags from './data-classification-tags.ts';

export const checks: Check[] = [
  orgExists as Check,
  mgmtAccountNoWorkloads as Check,
  orgOuStructure as Check,
  orgCoreAccounts as Check,
  scpEnabled as Check,
  scpDenyLeaveOrg as Check,
  scpDenyRoot as Check,
  scpRegionDeny as Check,
  scpProtectCloudtrail as Check,
  scpProtectSecurityServices as Check,
  scpProtectAccountDefaults as Check,
  scpSuspendedOu as Check,
  delegatedAdmins as Check,
  dataClassificationTags as Check,
];
