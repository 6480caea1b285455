// Reading and writing plan documents. A plan file is input like any other: parsed with its schema, errors exit 2.
import { writeFile } from 'node:fs/promises';
import { InputFileError } from '../core/errors.ts';
import { parseJsonInput, readInputFile } from './input-file.ts';
import { PLAN_KIND, PLAN_VERSION, planSchema, type Plan } from './plan-schema.ts';

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export function parsePlan(text: string, file: string): Plan {
  const raw = parseJsonInput(text, file, 'Write a plan with `rampart harden plan --format json -o plan.json`.');
  const head = raw as { kind?: unknown; schemaVersion?: unknown } | null;
  if (head?.kind !== PLAN_KIND) throw new InputFileError(file, `not a Rampart plan (kind is ${JSON.stringify(head?.kind)}, expected "${PLAN_KIND}")`);
  if (head.schemaVersion !== PLAN_VERSION) throw new InputFileError(file, `plan schema version ${String(head.schemaVersion)} is not supported (expected ${PLAN_VERSION}); plan again with this version`);
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputFileError(file, `plan does not match its schema at ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

export async function readPlanFile(file: string): Promise<Plan> {
  return parsePlan(await readInputFile(file, 'plan'), file);
}

export async function writePlanFile(file: string, plan: Plan): Promise<void> {
  await writeFile(file, renderPlanJson(plan));
}
