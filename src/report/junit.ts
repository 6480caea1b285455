// JUnit XML (the Surefire/Jenkins dialect CI dashboards read): a test suite per check, a test case per resource,
// failures and errors as such, not-applicable and muted findings as skipped. Valid against the junit-10 XSD.
import type { Finding, Status } from '../findings/finding.ts';
import type { ScanReport } from './json.ts';

type Outcome = 'passed' | 'failure' | 'error' | 'skipped';
const outcomeOf = {
  pass: 'passed',
  fail: 'failure',
  // a catalog WARN never fails a build (as with --fail-on): a passing testcase with the warning in system-out
  warn: 'passed',
  error: 'error',
  not_applicable: 'skipped',
} as const satisfies Record<Status, Outcome>;

/** XML 1.0 cannot carry most control characters even escaped; they are dropped. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function outcome(f: Finding): Outcome {
  // a muted finding never fails the build; it stays visible as skipped with its reason
  return f.muted ? 'skipped' : outcomeOf[f.status];
}

function testcase(f: Finding): string {
  const name = xmlEscape(`${f.accountId}${f.region ? ` ${f.region}` : ''} ${f.resource.type} ${f.resource.id}`);
  const open = `    <testcase classname="${xmlEscape(f.checkId)}" name="${name}" time="0">`;
  const body = (tag: string, message: string, type: string, text: string) =>
    `\n      <${tag} message="${xmlEscape(message)}" type="${xmlEscape(type)}">${xmlEscape(text)}</${tag}>\n    `;
  switch (outcome(f)) {
    case 'passed':
      return f.status === 'warn' ? `${open}\n      <system-out>${xmlEscape(`warning: ${f.message}`)}</system-out>\n    </testcase>` : `${open}</testcase>`;
    case 'failure':
      return `${open}${body('failure', f.message, f.severity, `${f.message}\nFix: ${f.remediation.text}`)}</testcase>`;
    case 'error':
      return `${open}${body('error', f.message, f.error?.code ?? 'Error', f.error ? `${f.error.code} on ${f.error.operation}: ${f.error.message}` : f.message)}</testcase>`;
    case 'skipped':
      return `${open}${body('skipped', f.muted ? `muted: ${f.muted.reason}` : f.message, f.muted ? 'muted' : f.status, f.message)}</testcase>`;
  }
}

export function renderJunit(report: ScanReport): string {
  const byCheck = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byCheck.get(f.checkId);
    if (list) list.push(f);
    else byCheck.set(f.checkId, [f]);
  }
  const total = { tests: 0, failures: 0, errors: 0 };
  const suites: string[] = [];
  for (const checkId of [...byCheck.keys()].sort()) {
    const list = byCheck.get(checkId)!;
    const n = { failures: 0, errors: 0, skipped: 0 };
    for (const f of list) {
      const o = outcome(f);
      if (o === 'failure') n.failures += 1;
      else if (o === 'error') n.errors += 1;
      else if (o === 'skipped') n.skipped += 1;
    }
    total.tests += list.length;
    total.failures += n.failures;
    total.errors += n.errors;
    suites.push(
      `  <testsuite name="${xmlEscape(checkId)}" tests="${list.length}" failures="${n.failures}" errors="${n.errors}" skipped="${n.skipped}" time="0" timestamp="${xmlEscape(report.collectedAt)}">\n` +
        `    <properties>\n      <property name="title" value="${xmlEscape(list[0]!.title)}"/>\n    </properties>\n` +
        `${list.map(testcase).join('\n')}\n  </testsuite>`,
    );
  }
  // <testsuites> takes no skipped= attribute in this XSD; each suite carries its own
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="rampart" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" time="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
