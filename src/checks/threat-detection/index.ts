// Registry of the threat-detection checks (explicit; no filesystem discovery), in catalog order
// (access-analyzer-enabled is catalogued in 1.B but lives here with the other detection services).
import type { Check } from '../define.ts';
import accessAnalyzerEnabled from './access-analyzer-enabled.ts';
import guarddutyEnabled from './guardduty-enabled.ts';
import guarddutyDelegatedAdmin from './guardduty-delegated-admin.ts';
import guarddutyOrgAutoEnable from './guardduty-org-auto-enable.ts';
import guarddutyProtectionPlans from './guardduty-protection-plans.ts';
import guarddutyHighFindings from './guardduty-high-findings.ts';
import securityhubEnabled from './securityhub-enabled.ts';
import securityhubOrgAggregation from './securityhub-org-aggregation.ts';
import securityhubCriticalFindings from './securityhub-critical-findings.ts';
import inspectorEnabled from './inspector-enabled.ts';
import ssmPatchCompliance from './ssm-patch-compliance.ts';

export const checks: Check[] = [
  accessAnalyzerEnabled as Check,
  guarddutyEnabled as Check,
  guarddutyDelegatedAdmin as Check,
  guarddutyOrgAutoEnable as Check,
  guarddutyProtectionPlans as Check,
  guarddutyHighFindings as Check,
  securityhubEnabled as Check,
  securityhubOrgAggregation as Check,
  securityhubCriticalFindings as Check,
  inspectorEnabled as Check,
  ssmPatchCompliance as Check,
];
