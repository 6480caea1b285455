// What both exporters share: where an action lands (global services in us-east-1), the caller's account, and the
// list of actions that have no infrastructure-as-code equivalent.
import type { Plan, PlanAction } from '../plan-schema.ts';

/** File name → contents. */
export type ExportFiles = Record<string, string>;

export interface NotExported {
  action: PlanAction;
  why: string;
}

/** Global services (Organizations, IAM, S3 Control, Account) are managed from us-east-1. */
export function exportRegion(a: PlanAction): string {
  return a.region ?? 'us-east-1';
}

/** The account the plan's caller ran in: its provider or stack needs no assumed role. */
export function callerAccountOf(plan: Plan): string | undefined {
  return /:(\d{12}):/.exec(plan.basedOn.callerArn ?? '')?.[1];
}

export function notExportedReadme(items: NotExported[], format: string): string {
  const lines = [
    `# Not exported to ${format}`,
    '',
    'These plan actions have no resource in this format that can own them. Apply them with `rampart harden apply`,',
    'or change them where the resource is defined.',
    '',
    ...items.map((n) => `- \`${n.action.id}\` — ${n.action.title}: ${n.why}`),
  ];
  return `${lines.join('\n')}\n`;
}
