// What the two OCSF 1.6.0 writers (Compliance Finding for scans, Detection Finding for alerts) share:
// the schema version, the product block, the severity ids and the class/type arithmetic.
import type { Severity } from '../findings/finding.ts';
import { tool } from '../version.ts';

export const OCSF_VERSION = '1.6.0';
/** Findings category (category_uid 2) of OCSF. */
export const FINDINGS_CATEGORY = { category_uid: 2, category_name: 'Findings' } as const;
/** activity_id 1 "Create": each report states findings as of the scan; consumers track updates by finding uid. */
export const ACTIVITY_CREATE = { activity_id: 1, activity_name: 'Create' } as const;

/** OCSF severity_id captions; Rampart's five severities map one to one (0 Unknown, 6 Fatal and 99 Other are unused). */
export const ocsfSeverity = {
  info: { severity_id: 1, severity: 'Informational' },
  low: { severity_id: 2, severity: 'Low' },
  medium: { severity_id: 3, severity: 'Medium' },
  high: { severity_id: 4, severity: 'High' },
  critical: { severity_id: 5, severity: 'Critical' },
} as const satisfies Record<Severity, { severity_id: number; severity: string }>;

export function ocsfMetadata(): { version: string; profiles: string[]; product: { name: string; vendor_name: string; version: string; uid: string } } {
  return { version: OCSF_VERSION, profiles: ['cloud'], product: { name: 'Rampart', vendor_name: 'Rampart', uid: tool.name, version: tool.version } };
}

/** The class block: class_uid, type_uid = class_uid × 100 + activity_id, with their captions. */
export function ocsfClass(classUid: number, className: string): { class_uid: number; class_name: string; type_uid: number; type_name: string } {
  return { class_uid: classUid, class_name: className, type_uid: classUid * 100 + ACTIVITY_CREATE.activity_id, type_name: `${className}: ${ACTIVITY_CREATE.activity_name}` };
}

/** OCSF times are epoch milliseconds. */
export function epochMs(iso: string): number {
  return Date.parse(iso);
}
