// The explicit registry of compliance frameworks a report can be summarised against.
import { UsageError } from '../core/errors.ts';
import { cisAws30 } from './cis-aws-3.0.ts';
import type { Finding } from '../findings/finding.ts';
import { summarizeFramework, type CheckMapping, type Framework, type FrameworkSummary } from './framework.ts';

export const frameworks: readonly Framework[] = [cisAws30];

export function frameworkById(id: string): Framework {
  const found = frameworks.find((f) => f.id === id);
  if (!found) throw new UsageError(`unknown framework "${id}": choose one of ${frameworks.map((f) => f.id).join(', ')}`);
  return found;
}

/** Every framework's per-control roll-up of a scan: `registered` are the checks Rampart has, `ran` those this scan ran. */
export function summarizeFrameworks(
  registered: readonly CheckMapping[],
  ran: readonly CheckMapping[],
  findings: readonly Finding[],
): FrameworkSummary[] {
  const ranIds = new Set(ran.map((c) => c.id));
  return frameworks.map((f) => summarizeFramework(f, registered, ranIds, findings));
}
