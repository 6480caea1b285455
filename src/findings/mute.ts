// Applying a mutelist to findings: a matching, unexpired entry mutes a finding (it stays in every report, flagged
// with the reason, and never trips --fail-on). Accounts under the catalog's Exception OU are marked exempt the
// same way. Expired entries stop muting and are reported, and so are entries that matched nothing.
import { globMatch } from '../policy/glob.ts';
import type { Finding } from './finding.ts';
import type { MuteEntry, Mutelist, Pattern } from './mutelist.ts';

export interface MuteContext {
  /** The scan's collection time: expiry is judged against it, never the clock, so a re-render gives the same result. */
  collectedAt: string;
  /** Account id → OU names, root first (the JSON report's ouPaths). */
  ouPaths?: Record<string, string[]>;
}

export interface MuteOutcome {
  findings: Finding[];
  /** Entries whose expiry date has passed: they muted nothing. */
  expired: MuteEntry[];
  /** Unexpired entries that matched no finding (stale entries to clean up). */
  unused: MuteEntry[];
  /** Findings muted by an entry, and findings marked exempt by the Exception OU. */
  mutedCount: number;
  exemptCount: number;
}

function test(p: Pattern, value: string): boolean {
  return p.kind === 'regex' ? p.re.test(value) : globMatch(p.source, value, false);
}
const any = (ps: Pattern[] | undefined, values: string[]) => ps === undefined || values.some((v) => ps.some((p) => test(p, v)));

/** The accounts a finding is about: where it was found, and the member account an org-level check judged. */
function accountsOf(f: Finding): string[] {
  return f.resource.type === 'AwsAccount' && f.resource.id !== f.accountId ? [f.accountId, f.resource.id] : [f.accountId];
}

function tagsOf(f: Finding): Record<string, string> {
  const tags = f.evidence?.['tags'];
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return {};
  return Object.fromEntries(Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function entryMatches(e: MuteEntry, f: Finding, ctx: MuteContext): boolean {
  const accounts = accountsOf(f);
  if (!any(e.check, [f.checkId]) || !any(e.account, accounts) || !any(e.region, [f.region ?? 'global'])) return false;
  if (!any(e.resource, [f.resource.id, ...(f.resource.arn ? [f.resource.arn] : [])])) return false;
  if (e.ou) {
    // an OU pattern matches one OU name on the account's path, or the whole path joined with "/"
    const names = accounts.flatMap((a) => {
      const path = ctx.ouPaths?.[a];
      return path ? [...path, path.join('/')] : [];
    });
    if (!any(e.ou, names)) return false;
  }
  if (e.tags) {
    const tags = tagsOf(f);
    for (const [k, ps] of Object.entries(e.tags)) if (tags[k] === undefined || !any(ps, [tags[k]])) return false;
  }
  return true;
}

/** Whether the entry has expired by `collectedAt` (it mutes up to the end of its expiry day, UTC). */
export function isExpired(e: MuteEntry, collectedAt: string): boolean {
  return e.expires !== undefined && Date.parse(`${e.expires}T23:59:59.999Z`) < Date.parse(collectedAt);
}

/** A check reports an account under the Exception OU as not applicable with `evidence.exempt` (scp-scope.ts). */
function isExempt(f: Finding): boolean {
  return f.status === 'not_applicable' && f.evidence?.['exempt'] === true;
}

export function applyMutes(findings: readonly Finding[], mutelist: Mutelist | undefined, ctx: MuteContext): MuteOutcome {
  const entries = mutelist?.entries ?? [];
  const expired = entries.filter((e) => isExpired(e, ctx.collectedAt));
  const live = entries.filter((e) => !isExpired(e, ctx.collectedAt));
  const used = new Set<MuteEntry>();
  let mutedCount = 0;
  let exemptCount = 0;
  const out = findings.map((f): Finding => {
    if (f.muted) return f;
    if (isExempt(f)) {
      exemptCount += 1;
      return { ...f, muted: { reason: `exempt: ${f.message}`, exempt: true } };
    }
    const e = live.find((x) => entryMatches(x, f, ctx));
    if (!e) return f;
    used.add(e);
    mutedCount += 1;
    return {
      ...f,
      muted: {
        reason: e.reason,
        ...(e.expires ? { expires: e.expires } : {}),
        ...(e.owner ? { owner: e.owner } : {}),
        ...(mutelist ? { entry: `${mutelist.file}:${e.line}` } : {}),
      },
    };
  });
  return { findings: out, expired, unused: live.filter((e) => !used.has(e)), mutedCount, exemptCount };
}
