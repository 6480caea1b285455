// Export entry point: a plan → files of one infrastructure-as-code format. Pure: no AWS call, no I/O.
import type { Plan } from '../plan-schema.ts';
import { exportCloudFormation } from './cloudformation.ts';
import type { ExportFiles } from './common.ts';
import { exportTerraform } from './terraform.ts';

export const EXPORT_FORMATS = ['terraform', 'cloudformation'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function exportPlan(plan: Plan, format: ExportFormat): ExportFiles {
  return format === 'terraform' ? exportTerraform(plan) : exportCloudFormation(plan);
}

export type { ExportFiles };
