// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one rule per check (help text, severity), one result
// per failing finding with a logical location (account / Region / resource). Findings that could not be evaluated
// are tool execution notifications, not results: they are gaps in the scan, not problems found in the account.
import { createHash } from 'node:crypto';
import type { Finding, Severity, Status } from '../findings/finding.ts';
import { findingId } from '../findings/finding-id.ts';
import { tool } from '../version.ts';
import { adviceFor } from './advice.ts';
import type { ScanReport } from './json.ts';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Where each status goes: a result (with its kind), a notification (no verdict), or nowhere (passes, n/a). */
const placement = {
  fail: 'result',
  // a catalog WARN is a result too, always at level warning (see below)
  warn: 'result',
  error: 'notification',
  pass: 'omitted',
  not_applicable: 'omitted',
} as const satisfies Record<Status, 'result' | 'notification' | 'omitted'>;

const level = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' } as const satisfies Record<Severity, string>;
/** GitHub ranks alerts by `security-severity` (0–10): ≥9 critical, ≥7 high, ≥4 medium, else low. */
const securitySeverity = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' } as const satisfies Record<Severity, string>;

/** Resource ids and ARNs as a relative URI: GitHub needs a physical location, and there is no file to point at. */
function artifactUri(f: Finding): string {
  return ['aws', f.accountId, f.region ?? 'global', f.resource.type, f.resource.id].map(encodeURIComponent).join('/');
}

function fingerprint(f: Finding): string {
  return createHash('sha256').update(findingId(f)).digest('hex').slice(0, 32);
}

export function renderSarif(report: ScanReport): string {
  const checkIds = [...new Set(report.findings.map((f) => f.checkId))].sort();
  const ruleIndex = new Map(checkIds.map((id, i) => [id, i]));
  const firstOf = new Map<string, Finding>();
  for (const f of report.findings) if (!firstOf.has(f.checkId)) firstOf.set(f.checkId, f);

  const rules = checkIds.map((id) => {
    const f = firstOf.get(id)!;
    const help = [f.remediation.text, ...(f.remediation.cli ? ['', f.remediation.cli] : [])].join('\n');
    return {
      id,
      name: id,
      shortDescription: { text: f.title },
      help: { text: help, markdown: `${f.remediation.text}${f.remediation.cli ? `\n\n\`\`\`sh\n${f.remediation.cli}\n\`\`\`` : ''}` },
      defaultConfiguration: { level: level[f.severity] },
      properties: {
        tags: ['security', 'aws', ...(f.compliance.cisAws3 ?? []).map((c) => `CIS-${c}`)],
        'security-severity': securitySeverity[f.severity],
        severity: f.severity,
      },
    };
  });

  const results: unknown[] = [];
  const notifications: unknown[] = [];
  for (const f of report.findings) {
    const where = placement[f.status];
    if (where === 'omitted') continue;
    const index = ruleIndex.get(f.checkId)!;
    if (where === 'notification') {
      notifications.push({
        level: 'error',
        message: { text: `${f.checkId} could not be evaluated on ${f.resource.id} in ${f.accountId}${f.region ? ` ${f.region}` : ''}: ${f.message}${f.error ? ` — ${adviceFor(f.error)}` : ''}` },
        associatedRule: { id: f.checkId, index },
        properties: { findingId: findingId(f), ...(f.error ? { error: { code: f.error.code, operation: f.error.operation } } : {}) },
      });
      continue;
    }
    results.push({
      ruleId: f.checkId,
      ruleIndex: index,
      kind: 'fail',
      level: f.status === 'warn' ? 'warning' : level[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: artifactUri(f), uriBaseId: 'AWS' } },
          logicalLocations: [
            { name: f.accountId, kind: 'namespace', fullyQualifiedName: `aws/${f.accountId}` },
            ...(f.region ? [{ name: f.region, kind: 'namespace', fullyQualifiedName: `aws/${f.accountId}/${f.region}` }] : []),
            { name: f.resource.id, kind: 'resource', fullyQualifiedName: f.resource.arn ?? `aws/${f.accountId}/${f.region ?? 'global'}/${f.resource.type}/${f.resource.id}` },
          ],
        },
      ],
      partialFingerprints: { rampartFindingId: fingerprint(f) },
      ...(f.muted ? { suppressions: [{ kind: 'external', status: 'accepted', justification: f.muted.reason }] } : {}),
      properties: { severity: f.severity, accountId: f.accountId, ...(f.region ? { region: f.region } : {}), resourceType: f.resource.type },
    });
  }

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Rampart', version: tool.version, semanticVersion: tool.version, rules } },
        originalUriBaseIds: { AWS: { description: { text: 'AWS resources: account/Region/resource type/resource id' } } },
        invocations: [{ executionSuccessful: true, endTimeUtc: report.collectedAt, toolExecutionNotifications: notifications }],
        results,
        // the JSON report's counts, so a SARIF consumer can tell "nothing failed" from "nothing was evaluated"
        properties: { summary: report.summary },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
