// Registry of the threat-detection checks (explicit; no filesystem discovery), in catalog order
// (access-analyzer-enabled is catalogued in 1.B but lives here with the other detection services).
import type { Check } from '../define.ts';
import accessAnalyzerEnabled from './access-analyzer-enabled.ts';
import guarddutyEnabled from './guardduty-enabled.ts';
import securityhubEnabled from './securityhub-enabled.ts';

export const checks: Check[] = [accessAnalyzerEnabled as Check, guarddutyEnabled as Check, securityhubEnabled as Check];
