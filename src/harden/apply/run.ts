// Apply and rollback. For each action, in plan order: re-read the live state; skip it when it is already in place
// (so a second apply changes nothing) or when the state drifted since the scan (refuse); otherwise make the calls and
// journal the prior state with the calls that undo it. A failed action fails alone; what depends on it is skipped.
import { errorMessage } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { assertSafeAttachments } from '../guards.ts';
import type { ApiCall, Plan, PlanAction } from '../plan-schema.ts';
import { canonicalEqual, handlerFor, ouIdByName, satisfies, type Live, type MadeCall } from './handlers.ts';
import { JOURNAL_KIND, writeJournal, type Journal, type JournalEntry } from './journal.ts';
import type { AccountCaller, Accounts } from './sdk.ts';

export interface RunOptions {
  accounts: Accounts;
  logger: Logger;
  /** Where to write the journal after every action (so an interrupted run still leaves a record). */
  journalFile?: string;
  planFile: string;
  now?: () => Date;
}

function get(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

async function resolveParams(params: Record<string, unknown>, made: MadeCall[], caller: AccountCaller): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && typeof v === 'object' && '$output' in v) {
      const [index, path] = (v as { $output: [number, string[]] }).$output;
      const value = get(made[index]?.output, path);
      if (value === undefined) throw new Error(`parameter ${k}: call ${index} returned no ${path.join('.')}`);
      out[k] = value;
    } else if (v !== null && typeof v === 'object' && '$ouId' in v) {
      const { name, parentId } = (v as { $ouId: { name: string; parentId: string } }).$ouId;
      const id = await ouIdByName(caller, parentId, name);
      if (!id) throw new Error(`parameter ${k}: no OU named ${name} under ${parentId}`);
      out[k] = id;
    } else out[k] = v;
  }
  return out;
}

function entryOf(a: PlanAction, outcome: JournalEntry['outcome'], reason: string | null, prior: Live | null, made: MadeCall[] = [], rollback: ApiCall[] | null = null): JournalEntry {
  return {
    actionId: a.id,
    kind: a.kind,
    title: a.title,
    accountId: a.accountId,
    region: a.region,
    outcome,
    reason,
    prior: prior === null ? null : { state: prior.state, ...(prior.facts ? { facts: JSON.parse(JSON.stringify(prior.facts)) as Record<string, unknown> } : {}) },
    made,
    rollback,
    closes: a.closes,
  };
}

function describeError(e: unknown): string {
  const name = (e as { name?: string }).name;
  return `${name && name !== 'Error' ? `${name}: ` : ''}${errorMessage(e).split('\n')[0]}`;
}

async function applyOne(a: PlanAction, caller: AccountCaller): Promise<JournalEntry> {
  const handler = handlerFor(a.kind);
  let live: Live;
  try {
    live = await handler.read(caller, a);
  } catch (e) {
    return entryOf(a, 'failed', `could not read the current state: ${describeError(e)}`, null);
  }
  const inPlace = handler.inPlace ? handler.inPlace(a, live) : satisfies(live.state, a.after);
  if (inPlace) return entryOf(a, 'skipped', 'already in place', live);
  const drift = handler.drift ? handler.drift(a, live) : a.beforeKnown && !canonicalEqual(live.state, a.before) ? `the state changed since the scan: the plan expected ${JSON.stringify(a.before)}, found ${JSON.stringify(live.state)}; plan again` : undefined;
  if (drift) return entryOf(a, 'skipped', `drift: ${drift}`, live);
  const made: MadeCall[] = [];
  try {
    for (const c of handler.remaining ? handler.remaining(a, live) : a.calls) {
      const resolved = { ...c, params: await resolveParams(c.params, made, caller) };
      const output = await caller.send(resolved, a.region);
      const { $metadata: _drop, ...rest } = output;
      made.push({ call: resolved, output: JSON.parse(JSON.stringify(rest)) as Record<string, unknown> });
    }
  } catch (e) {
    // what did go through is journaled with its undo, so rollback can clean up a half-applied action
    return entryOf(a, 'failed', describeError(e), live, made, made.length > 0 && a.rollback.possible ? handler.undo(a, live, made) : null);
  }
  return entryOf(a, 'applied', null, live, made, a.rollback.possible ? handler.undo(a, live, made) : null);
}

export async function applyPlan(plan: Plan, opts: RunOptions): Promise<Journal> {
  assertSafeAttachments(plan.actions, plan.baseline);
  const now = opts.now ?? (() => new Date());
  const journal: Journal = { kind: JOURNAL_KIND, schemaVersion: 1, mode: 'apply', plan: opts.planFile, memberAccessRole: plan.baseline.memberAccessRole, startedAt: now().toISOString(), finishedAt: null, entries: [] };
  const done = new Map<string, JournalEntry['outcome'] | 'in-place'>();
  for (const a of plan.actions) {
    const blocker = a.dependsOn.find((d) => done.get(d) !== 'applied' && done.get(d) !== 'in-place');
    let entry: JournalEntry;
    if (blocker) entry = entryOf(a, 'skipped', `depends on ${blocker}, which did not apply`, null);
    else {
      try {
        entry = await applyOne(a, await opts.accounts.caller(a.accountId));
      } catch (e) {
        entry = entryOf(a, 'failed', `cannot act in account ${a.accountId}: ${describeError(e)}`, null);
      }
    }
    done.set(a.id, entry.outcome === 'skipped' && entry.reason === 'already in place' ? 'in-place' : entry.outcome);
    journal.entries.push(entry);
    opts.logger.info(`${entry.outcome.padEnd(7)} ${a.id}${entry.reason ? ` — ${entry.reason}` : ''}`);
    if (opts.journalFile) await writeJournal(opts.journalFile, journal);
  }
  journal.finishedAt = now().toISOString();
  if (opts.journalFile) await writeJournal(opts.journalFile, journal);
  return journal;
}

/** Undo the applied (and half-applied) actions of a journal, newest first. */
export async function rollbackJournal(journal: Journal, opts: RunOptions): Promise<Journal> {
  const now = opts.now ?? (() => new Date());
  const out: Journal = { kind: JOURNAL_KIND, schemaVersion: 1, mode: 'rollback', plan: journal.plan, memberAccessRole: journal.memberAccessRole, startedAt: now().toISOString(), finishedAt: null, entries: [] };
  for (const e of [...journal.entries].reverse()) {
    if (!e.rollback || e.rollback.length === 0) continue;
    const made: MadeCall[] = [];
    let outcome: JournalEntry['outcome'] = 'applied';
    let reason: string | null = null;
    try {
      const caller = await opts.accounts.caller(e.accountId);
      for (const c of e.rollback) {
        const { $metadata: _drop, ...rest } = await caller.send(c, e.region);
        made.push({ call: c, output: JSON.parse(JSON.stringify(rest)) as Record<string, unknown> });
      }
    } catch (err) {
      outcome = 'failed';
      reason = describeError(err);
    }
    out.entries.push({ ...e, outcome, reason, made, rollback: null, closes: [] });
    opts.logger.info(`${outcome === 'applied' ? 'undone ' : 'failed '} ${e.actionId}${reason ? ` — ${reason}` : ''}`);
    if (opts.journalFile) await writeJournal(opts.journalFile, out);
  }
  out.finishedAt = now().toISOString();
  if (opts.journalFile) await writeJournal(opts.journalFile, out);
  return out;
}
