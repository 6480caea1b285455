// Human-readable sink: alerts grouped by rule (most severe first), one line each with time, actor and summary,
// then a summary with counts per severity and what was suppressed. Colour only on a TTY without NO_COLOR.
import { styleText } from 'node:util';
import { alertSeverityOrder, type Alert, type AlertSeverity } from '../types.ts';
import { writeText } from './stream.ts';
import type { AlertSink, RunSummary, SuppressionNotice } from './types.ts';

type Style = Parameters<typeof styleText>[0];
const SEVERITY_STYLE: Record<AlertSeverity, Style> = {
  critical: ['bold', 'red'],
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
};

/** Alerts kept for grouping before an early flush; bounds memory on huge replays. */
const MAX_BUFFERED = 2000;

export interface TerminalSinkOptions {
  color: boolean;
}

/** Colour when the stream is a terminal and the user did not opt out (https://no-color.org). */
export function shouldColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env['NO_COLOR'] === undefined || env['NO_COLOR'] === '') && env['TERM'] !== 'dumb';
}

export class TerminalSink implements AlertSink {
  readonly name = 'terminal';
  private readonly out: NodeJS.WritableStream;
  private readonly color: boolean;
  private groups = new Map<string, Alert[]>();
  private buffered = 0;
  private notices: SuppressionNotice[] = [];

  constructor(out: NodeJS.WritableStream, opts: TerminalSinkOptions) {
    this.out = out;
    this.color = opts.color;
  }

  private paint(style: Style, text: string): string {
    return this.color ? styleText(style, text, { validateStream: false }) : text;
  }

  async send(alert: Alert): Promise<void> {
    let g = this.groups.get(alert.ruleId);
    if (!g) this.groups.set(alert.ruleId, (g = []));
    g.push(alert);
    if (++this.buffered >= MAX_BUFFERED) await this.flush();
  }

  async notice(n: SuppressionNotice): Promise<void> {
    this.notices.push(n);
  }

  async flush(): Promise<void> {
    if (this.buffered === 0 && this.notices.length === 0) return;
    // A group is shown under its most severe alert, so a critical alert never hides under a medium heading.
    const groups = [...this.groups.values()].sort((a, b) => topRank(b) - topRank(a));
    const lines: string[] = [];
    for (const alerts of groups) {
      const first = alerts[0];
      if (!first) continue;
      const top = alertSeverityOrder[topRank(alerts)] ?? first.severity;
      const sev = this.paint(SEVERITY_STYLE[top], top.toUpperCase().padEnd(8));
      lines.push(`${sev} ${this.paint('bold', first.title)}  ${this.paint('dim', `${first.ruleId} · ${alerts.length} alert${alerts.length === 1 ? '' : 's'}`)}`);
      for (const a of alerts) lines.push(this.alertLine(a));
      lines.push('');
    }
    for (const n of this.notices) {
      lines.push(this.paint('yellow', `${n.count} alert${n.count === 1 ? '' : 's'} suppressed by the rate cap between ${n.from} and ${n.to}`));
    }
    this.groups = new Map();
    this.buffered = 0;
    this.notices = [];
    await writeText(this.out, `${lines.join('\n')}\n`);
  }

  private alertLine(a: Alert): string {
    const who = a.actor.arn ?? a.actor.userName ?? 'unknown principal';
    const where = [a.accountId, a.awsRegion].filter(Boolean).join('/');
    // A severity that differs from the rule's first alert (rules can escalate per event) is shown on the line.
    const extra = a.threshold ? ` (${a.threshold.count} events in ${a.threshold.windowSeconds} s)` : '';
    const head = `  ${this.paint('dim', a.eventTime)}  ${who}${where ? this.paint('dim', ` [${where}]`) : ''}\n    ${this.paint(SEVERITY_STYLE[a.severity], a.severity)} ${a.summary}${extra}`;
    const why = (a.why ?? []).map((w) => `\n      why: ${w}`).join('') + (a.related ? `\n      same event also raised: ${a.related.join(', ')}` : '');
    const next = a.nextStep ? `\n      ${this.paint('dim', `next: ${a.nextStep}`)}` : '';
    return `${head}${why}${next}`;
  }

  async close(s: RunSummary): Promise<void> {
    await this.flush();
    const counts = [...alertSeverityOrder]
      .reverse()
      .filter((sev) => s.bySeverity[sev] > 0)
      .map((sev) => this.paint(SEVERITY_STYLE[sev], `${s.bySeverity[sev]} ${sev}`));
    const head = s.alerts === 0 ? 'No alerts' : `${s.alerts} alert${s.alerts === 1 ? '' : 's'} (${counts.join(', ')})`;
    const suppressed: string[] = [];
    if (s.duplicates > 0) suppressed.push(`${s.duplicates} duplicate${s.duplicates === 1 ? '' : 's'} within ${formatWindow(s.dedupeWindowMs)}`);
    for (const [sink, n] of Object.entries(s.rateCapped)) if (n > 0) suppressed.push(`${n} by the rate cap of ${sink}`);
    if (s.belowMinSeverity > 0) suppressed.push(`${s.belowMinSeverity} below --min-severity`);
    const tail = suppressed.length > 0 ? `; suppressed: ${suppressed.join(', ')}` : '';
    await writeText(this.out, `${this.paint('bold', head)} from ${s.records} event${s.records === 1 ? '' : 's'}${tail}.\n`);
  }
}

function topRank(alerts: Alert[]): number {
  let top = -1;
  for (const a of alerts) top = Math.max(top, alertSeverityOrder.indexOf(a.severity));
  return top;
}

export function formatWindow(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}
