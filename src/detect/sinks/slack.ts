// Slack incoming-webhook sink: one compact Block Kit message per alert (what, who, where, when, source IP,
// and the ids to find the raw event). Request parameters and response elements are never sent: they can hold secrets.
import type { Alert } from '../types.ts';
import { JsonPostSink, type PostOptions } from './http.ts';
import type { SuppressionNotice } from './types.ts';

const SEVERITY_EMOJI: Record<Alert['severity'], string> = {
  critical: ':rotating_light:',
  high: ':red_circle:',
  medium: ':large_orange_circle:',
  low: ':large_yellow_circle:',
  info: ':information_source:',
};

/** Slack's mrkdwn treats &, < and > as control characters (links, @channel); escaping them blocks injection from event fields. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function field(label: string, value: string | undefined): { type: 'mrkdwn'; text: string } {
  return { type: 'mrkdwn', text: `*${label}*\n${clip(escapeMrkdwn(value ?? '—'), 1900)}` };
}

function code(s: string | undefined): string {
  // Backticks inside a value would end the code span early.
  return s ? `\`${escapeMrkdwn(s.replace(/`/g, "'"))}\`` : '—';
}

/** *Why* (one bullet per reason) and *Next step*, as one section; undefined when the alert has neither. */
function explanation(alert: Alert): string | undefined {
  const parts: string[] = [];
  if (alert.why && alert.why.length > 0) parts.push(`*Why*\n${alert.why.map((w) => `• ${escapeMrkdwn(w)}`).join('\n')}`);
  if (alert.related && alert.related.length > 0) parts.push(`*Same event also raised*\n${escapeMrkdwn(alert.related.join(', '))}`);
  if (alert.nextStep) parts.push(`*Next step*\n${escapeMrkdwn(alert.nextStep)}`);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

export function slackMessage(alert: Alert): Record<string, unknown> {
  const sev = alert.severity.toUpperCase();
  const who = alert.actor.arn ?? alert.actor.userName ?? 'unknown principal';
  const whoText = alert.actor.type ? `${who} (${alert.actor.type})` : who;
  const where = `account ${alert.accountId ?? '—'} · ${alert.awsRegion ?? '—'}`;
  const what = alert.threshold
    ? `${alert.eventSource} ${alert.eventName} — ${alert.threshold.count} events in ${alert.threshold.windowSeconds} s`
    : `${alert.eventSource} ${alert.eventName}${alert.errorCode ? ` (failed: ${alert.errorCode})` : ''}`;
  const context = [
    `rule ${code(alert.ruleId)}`,
    `eventID ${code(alert.eventId)}`,
    `requestID ${code(alert.requestId)}`,
    code(`${alert.eventSource}/${alert.eventName}`),
    alert.origin ? `origin ${code(alert.origin.location)}` : undefined,
  ].filter((s): s is string => s !== undefined);
  return {
    // The fallback text shows in notifications and for clients without Block Kit.
    text: clip(escapeMrkdwn(`[${sev}] ${alert.title}: ${alert.summary}`), 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clip(`${SEVERITY_EMOJI[alert.severity]} ${sev} · ${alert.title}`, 150), emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: clip(escapeMrkdwn(alert.summary), 2900) },
        fields: [
          field('What', what),
          field('Who', whoText),
          field('Where', where),
          field('When', alert.eventTime),
          field('Source IP', alert.sourceIPAddress),
        ],
      },
      ...(explanation(alert) ? [{ type: 'section', text: { type: 'mrkdwn', text: clip(explanation(alert)!, 2900) } }] : []),
      { type: 'context', elements: [{ type: 'mrkdwn', text: clip(context.join(' · '), 2900) }] },
    ],
  };
}

export function slackNotice(n: SuppressionNotice): Record<string, unknown> {
  const text = `:no_bell: ${n.count} alert${n.count === 1 ? '' : 's'} suppressed by the rate cap between ${n.from} and ${n.to} (Rampart still counted them; see its summary or JSON output).`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** Slack incoming webhook: a compact Block Kit message per alert. */
export class SlackSink extends JsonPostSink {
  constructor(url: URL, post: PostOptions = {}) {
    super('slack', url, { alert: slackMessage, notice: slackNotice }, post);
  }
}
