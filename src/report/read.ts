// Reading a saved JSON report (`rampart scan --format json`) back, validated at the edge, so `rampart report` and
// `rampart diff` can re-render or compare it without scanning. Problems are InputFileErrors (exit code 2).
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { controlStatuses } from '../compliance/framework.ts';
import { InputFileError } from '../core/errors.ts';
import { severities, statuses, type Finding } from '../findings/finding.ts';
import { collectErrorSchema } from '../inventory/collected.ts';
import { REPORT_KIND, REPORT_VERSION, type ScanReport } from './json.ts';

const countsOf = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int().nonnegative()])) as { [K in T[number]]: z.ZodNumber });

const findingSchema = z.object({
  checkId: z.string(),
  title: z.string(),
  status: z.enum(statuses),
  severity: z.enum(severities),
  accountId: z.string(),
  region: z.string().optional(),
  resource: z.object({ type: z.string(), id: z.string(), arn: z.string().optional() }),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()).optional(),
  error: collectErrorSchema.optional(),
  remediation: z.object({ text: z.string(), cli: z.string().optional(), terraform: z.string().optional() }),
  compliance: z.object({ cisAws3: z.array(z.string()).optional(), prowler: z.array(z.string()).optional(), sources: z.array(z.string()) }),
  muted: z.object({ reason: z.string(), expires: z.string().optional(), owner: z.string().optional(), entry: z.string().optional(), exempt: z.boolean().optional() }).optional(),
});

const reportSchema = z.object({
  kind: z.literal(REPORT_KIND),
  schemaVersion: z.literal(REPORT_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  collectedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date'),
  source: z.enum(['aws', 'demo', 'fixture']),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      scannedRegions: z.array(z.string()),
      skippedRegions: z.array(z.object({ name: z.string(), note: z.string().nullable() })),
      // reports written before it have none: the Region list was read then
      regionListError: collectErrorSchema.nullable().default(null),
    }),
  ),
  summary: z.object({
    checks: z.number().int().nonnegative(),
    accounts: z.number().int().nonnegative(),
    byStatus: countsOf(statuses),
    failBySeverity: countsOf(severities),
    // reports written before muting existed have no count: nothing was muted then
    muted: z.number().int().nonnegative().default(0),
  }),
  findings: z.array(findingSchema),
  // kept whole so `rampart report` re-renders what the scan wrote (organization roll-up, framework summaries)
  organization: z.record(z.string(), z.unknown()).optional(),
  frameworks: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        version: z.string(),
        totals: z.record(z.enum(controlStatuses), z.number().int().nonnegative()),
        controls: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            assessment: z.enum(['automated', 'manual']),
            checks: z.array(z.string()),
            status: z.enum(controlStatuses),
            findings: countsOf(['pass', 'fail', 'warn', 'error', 'not_applicable'] as const),
          }),
        ),
      }),
    )
    .optional(),
  ouPaths: z.record(z.string(), z.array(z.string())).optional(),
  mutelist: z
    .object({
      file: z.string(),
      entries: z.number(),
      muted: z.number(),
      exempt: z.number(),
      expired: z.array(z.object({ entry: z.string(), reason: z.string(), expires: z.string() })),
      unused: z.array(z.object({ entry: z.string(), reason: z.string() })),
    })
    .optional(),
  apiCalls: z
    .object({
      total: z.number(),
      retries: z.number(),
      throttled: z.number(),
      errors: z.number(),
      byOperation: z.array(
        z.object({ service: z.string(), operation: z.string(), region: z.string(), calls: z.number(), retries: z.number(), throttled: z.number(), errors: z.number() }),
      ),
    })
    .optional(),
});

const HINT = 'Reports are written by `rampart scan --format json -o FILE`.';

export async function readReportFile(path: string): Promise<ScanReport> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InputFileError(path, `cannot read report: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseReport(text, path);
}

export function parseReport(text: string, path = 'report'): ScanReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputFileError(path, `not valid JSON (${(e as Error).message})`, { hint: HINT });
  }
  const head = typeof data === 'object' && data !== null ? (data as { kind?: unknown; schemaVersion?: unknown }) : {};
  if (head.kind !== REPORT_KIND) throw new InputFileError(path, `not a Rampart JSON report (expected "kind": "${REPORT_KIND}")`, { hint: HINT });
  if (head.schemaVersion !== REPORT_VERSION) {
    throw new InputFileError(path, `report schema version ${JSON.stringify(head.schemaVersion)} is not supported (this Rampart reads version ${REPORT_VERSION})`);
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `  at ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new InputFileError(path, `not a valid Rampart report:\n${issues.join('\n')}`, { hint: HINT });
  }
  const report = parsed.data;
  // zod drops undefined-valued optionals the same way JSON does, so the shape is ScanReport's
  return { ...report, findings: report.findings as Finding[] } as ScanReport;
}
