// Runs loaded detection rules over a stream of CloudTrail records and raises alerts,
// including threshold rules (N matches per group within a sliding eventTime window, bounded state).

import { explainRecord, resourcesOf } from './explain.ts';
import { rulePinnedValues } from './rules/event-index.ts';
import { fieldAccessor } from './rules/fields.ts';
import type { DetectionRule } from './rules/types.ts';
import type { Alert, AlertSeverity, CloudTrailRecord, RecordOrigin } from './types.ts';

export interface DetectionEngineOptions {
  /** Clock for records without a parseable eventTime. */
  now?: () => number;
  /** Most threshold groups kept at once; the least recently used is evicted beyond this. */
  maxThresholdKeys?: number;
}

export interface DetectionEngineStats {
  records: number;
  matches: number;
  alerts: number;
  thresholdKeys: number;
  evictedKeys: number;
}

interface WindowState {
  /** eventTime (ms) of the matches still inside the window, ascending. */
  times: number[];
  firstEventTime: string[];
  windowMs: number;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function actorOf(record: CloudTrailRecord): string {
  const u = record.userIdentity;
  if (u?.type === 'Root') return 'root';
  const arn = str(u?.arn);
  // `arn:aws:sts::1:assumed-role/Role/session` → `assumed-role/Role/session`
  const arnTail = arn?.includes(':') ? arn.slice(arn.lastIndexOf(':') + 1) : arn;
  return str(u?.userName) ?? arnTail ?? str(u?.principalId) ?? str(u?.invokedBy) ?? str(u?.type) ?? 'unknown principal';
}

function buildAlert(rule: DetectionRule, severity: AlertSeverity, record: CloudTrailRecord, origin: RecordOrigin | undefined): Alert {
  const u = record.userIdentity;
  const resources = resourcesOf(record);
  const accountId = str(record.recipientAccountId) ?? str(u?.accountId);
  const region = str(record.awsRegion);
  const target = resources[0] === undefined ? '' : ` on ${resources[0]}`;
  const why = [...explainRecord(record), ...(rule.assumptions ?? [])];
  const alert: Alert = {
    ruleId: rule.id,
    title: rule.title,
    severity,
    summary: `${actorOf(record)} ${record.eventName}${target} in ${region ?? 'unknown region'} (${accountId ?? 'unknown account'})`,
    eventTime: record.eventTime,
    eventSource: record.eventSource,
    eventName: record.eventName,
    awsRegion: region,
    accountId,
    actor: { type: str(u?.type), arn: str(u?.arn), userName: str(u?.userName), accessKeyId: str(u?.accessKeyId) },
    sourceIPAddress: str(record.sourceIPAddress),
    userAgent: str(record.userAgent),
    errorCode: str(record.errorCode),
    eventId: str(record.eventID),
    requestId: str(record.requestID),
    resources,
    origin,
    references: rule.references,
  };
  if (why.length > 0) alert.why = why;
  if (rule.nextStep !== undefined) alert.nextStep = rule.nextStep;
  return alert;
}

/**
 * Alerts one record raised are one incident (a root sign-in without MFA: the root rule and the MFA rule): each
 * names the others in `related`, so sinks show them together instead of as unrelated alerts. Threshold alerts
 * summarise many records and are not linked.
 */
function linkRelated(alerts: Alert[]): void {
  const single = alerts.filter((a) => a.threshold === undefined);
  if (single.length < 2) return;
  for (const a of single) a.related = single.filter((b) => b !== a).map((b) => b.ruleId);
}

/** A stateless rule's finished alert, in the order `process` would have raised it. */
export interface AlertStep {
  kind: 'alert';
  alert: Alert;
}

/** A threshold rule matched; the engine that keeps the windows decides whether a burst is complete. */
export interface ThresholdStep {
  kind: 'threshold';
  ruleId: string;
  severity: AlertSeverity;
  /** The record's eventTime and its group (the rule's groupBy values), all the window needs: the record itself is
   * needed only when the burst completes and an alert is built. */
  eventTime: string;
  groupKey: string;
}

export type MatchStep = AlertStep | ThresholdStep;

/** Work counted by an engine elsewhere (a worker thread), added to this one's stats. */
export interface EngineCounts {
  records: number;
  matches: number;
  alerts: number;
}

interface CompiledRule {
  rule: DetectionRule;
  index: number;
  groupBy: Array<ReturnType<typeof fieldAccessor>>;
}

/** A threshold rule's group for a record: its groupBy values. */
function groupKeyOf(c: CompiledRule, record: CloudTrailRecord): string {
  return c.groupBy.map((g) => g.leaves(record).map(String).join(',')).join('|');
}

export class DetectionEngine {
  readonly #now: () => number;
  readonly #maxKeys: number;
  readonly #all: CompiledRule[];
  readonly #byId = new Map<string, CompiledRule>();
  /** Rules that pin eventName, by lower-cased name. */
  readonly #byName = new Map<string, CompiledRule[]>();
  /** Rules that pin eventSource but not eventName, by lower-cased source. */
  readonly #bySource = new Map<string, CompiledRule[]>();
  /** Rules that may match any record. */
  readonly #unpinned: CompiledRule[] = [];
  /** (eventSource, eventName) → candidate rules in rule order; bounded by the number of AWS APIs seen. */
  readonly #candidates = new Map<string, Map<string, CompiledRule[]>>();
  #candidateLists = 0;
  /** Threshold groups in least-recently-used order (Map iteration order = insertion order). */
  readonly #windows = new Map<string, WindowState>();
  #stats: DetectionEngineStats = { records: 0, matches: 0, alerts: 0, thresholdKeys: 0, evictedKeys: 0 };
  #sweepCountdown = 4096;
  #latestMs = 0;

  constructor(rules: DetectionRule[], opts: DetectionEngineOptions = {}) {
    this.#now = opts.now ?? Date.now;
    this.#maxKeys = opts.maxThresholdKeys ?? 100_000;
    this.#all = rules
      .filter((r) => r.disabled === undefined)
      .map((rule, index) => ({ rule, index, groupBy: (rule.threshold?.groupBy ?? []).map(fieldAccessor) }));
    const add = (index: Map<string, CompiledRule[]>, key: string, c: CompiledRule): void => {
      const list = index.get(key);
      if (list) list.push(c);
      else index.set(key, [c]);
    };
    for (const c of this.#all) {
      this.#byId.set(c.rule.id, c);
      const names = rulePinnedValues(c.rule.ast, 'eventName');
      const sources = names === undefined ? rulePinnedValues(c.rule.ast, 'eventSource') : undefined;
      if (names !== undefined) for (const n of names) add(this.#byName, n, c);
      else if (sources !== undefined) for (const s of sources) add(this.#bySource, s, c);
      else this.#unpinned.push(c);
    }
  }

  #candidatesFor(record: CloudTrailRecord): CompiledRule[] {
    const name = typeof record.eventName === 'string' ? record.eventName : '';
    const source = typeof record.eventSource === 'string' ? record.eventSource : '';
    // Nested maps: no key string is built per record.
    let bySourceName = this.#candidates.get(source);
    if (bySourceName === undefined) {
      bySourceName = new Map();
      this.#candidates.set(source, bySourceName);
    }
    let list = bySourceName.get(name);
    if (list === undefined) {
      const byName = this.#byName.get(name.toLowerCase()) ?? [];
      const bySource = this.#bySource.get(source.toLowerCase()) ?? [];
      list = [...new Set([...byName, ...bySource, ...this.#unpinned])].sort((a, b) => a.index - b.index);
      // Garbage eventNames must not grow this without bound.
      if (++this.#candidateLists > 20_000) {
        this.#candidates.clear();
        this.#candidateLists = 1;
        bySourceName = new Map();
        this.#candidates.set(source, bySourceName);
      }
      bySourceName.set(name, list);
    }
    return list;
  }

  process(record: CloudTrailRecord, origin?: RecordOrigin): Alert[] {
    this.#stats.records++;
    const candidates = this.#candidatesFor(record);
    let alerts: Alert[] | undefined;
    for (const c of candidates) {
      const result = c.rule.match(record);
      if (!result.matched) continue;
      this.#stats.matches++;
      const alert = c.rule.threshold ? this.#threshold(c, result.severity, record, origin) : buildAlert(c.rule, result.severity, record, origin);
      if (alert) (alerts ??= []).push(alert);
    }
    if (alerts === undefined) return [];
    this.#stats.alerts += alerts.length;
    linkRelated(alerts);
    return alerts;
  }

  /**
   * The stateless half of `process`, for worker threads: every candidate rule is matched, stateless rules
   * become alerts (built by the same `buildAlert`), threshold matches are returned as steps for the engine
   * that keeps the windows (`applyThresholdMatch`). Counts the record and the stateless matches only, so the
   * two engines' counts add up to what `process` would have counted.
   */
  matchStateless(record: CloudTrailRecord, origin?: RecordOrigin): MatchStep[] | undefined {
    this.#stats.records++;
    let steps: MatchStep[] | undefined;
    for (const c of this.#candidatesFor(record)) {
      const result = c.rule.match(record);
      if (!result.matched) continue;
      if (c.rule.threshold) {
        (steps ??= []).push({ kind: 'threshold', ruleId: c.rule.id, severity: result.severity, eventTime: record.eventTime, groupKey: groupKeyOf(c, record) });
        continue;
      }
      this.#stats.matches++;
      this.#stats.alerts++;
      (steps ??= []).push({ kind: 'alert', alert: buildAlert(c.rule, result.severity, record, origin) });
    }
    if (steps !== undefined && steps.length > 1) linkRelated(steps.flatMap((st) => (st.kind === 'alert' ? [st.alert] : [])));
    return steps;
  }

  /**
   * A threshold rule matched a record elsewhere (a worker): count it in this engine's window, as `process` would.
   * `record` is asked for only when the burst completes (the alert is built from it).
   */
  applyThresholdMatch(step: ThresholdStep, record: () => CloudTrailRecord, origin?: RecordOrigin): Alert | undefined {
    const c = this.#byId.get(step.ruleId);
    if (c?.rule.threshold === undefined) throw new Error(`rule ${step.ruleId} is not an enabled threshold rule of this engine`);
    this.#stats.matches++;
    const alert = this.#countMatch(c, step.severity, step.eventTime, step.groupKey, record, origin);
    if (alert) this.#stats.alerts++;
    return alert;
  }

  /** Adds counts of work another engine did (`matchStateless` in a worker). */
  addCounts(c: EngineCounts): void {
    this.#stats.records += c.records;
    this.#stats.matches += c.matches;
    this.#stats.alerts += c.alerts;
  }

  stats(): DetectionEngineStats {
    return { ...this.#stats, thresholdKeys: this.#windows.size };
  }

  #threshold(c: CompiledRule, severity: AlertSeverity, record: CloudTrailRecord, origin: RecordOrigin | undefined): Alert | undefined {
    return this.#countMatch(c, severity, record.eventTime, groupKeyOf(c, record), () => record, origin);
  }

  /** One match of a threshold rule into its group's window; the alert when the burst is complete. */
  #countMatch(c: CompiledRule, severity: AlertSeverity, eventTime: string, groupKey: string, record: () => CloudTrailRecord, origin: RecordOrigin | undefined): Alert | undefined {
    const threshold = c.rule.threshold!;
    const parsed = Date.parse(eventTime);
    const t = Number.isNaN(parsed) ? this.#now() : parsed;
    const windowMs = threshold.windowSeconds * 1000;
    const key = `${c.index}\u0000${groupKey}`;

    let state = this.#windows.get(key);
    if (state) this.#windows.delete(key); // re-inserted below: most recently used goes last
    else state = { times: [], firstEventTime: [], windowMs };
    // Insert in eventTime order: records may arrive slightly out of order.
    let i = state.times.length;
    while (i > 0 && state.times[i - 1]! > t) i--;
    state.times.splice(i, 0, t);
    state.firstEventTime.splice(i, 0, eventTime);
    const newest = state.times[state.times.length - 1]!;
    let drop = 0;
    while (drop < state.times.length && state.times[drop]! < newest - windowMs) drop++;
    if (drop > 0) {
      state.times.splice(0, drop);
      state.firstEventTime.splice(0, drop);
    }
    this.#latestMs = Math.max(this.#latestMs, t);

    let alert: Alert | undefined;
    if (state.times.length >= threshold.count) {
      alert = buildAlert(c.rule, severity, record(), origin);
      alert.threshold = {
        count: state.times.length,
        windowSeconds: threshold.windowSeconds,
        groupKey,
        firstEventTime: state.firstEventTime[0]!,
      };
      // One alert per burst: the group starts counting again from zero.
      state.times = [];
      state.firstEventTime = [];
    }
    if (state.times.length > 0) this.#windows.set(key, state);
    this.#evict();
    return alert;
  }

  /** Bound the state: drop expired groups now and then, and the least recently used beyond the cap. */
  #evict(): void {
    if (--this.#sweepCountdown <= 0) {
      this.#sweepCountdown = 4096;
      for (const [key, s] of this.#windows) {
        const newest = s.times[s.times.length - 1] ?? 0;
        if (newest < this.#latestMs - s.windowMs) this.#windows.delete(key);
      }
    }
    while (this.#windows.size > this.#maxKeys) {
      const oldest = this.#windows.keys().next();
      if (oldest.done) break;
      this.#windows.delete(oldest.value);
      this.#stats.evictedKeys++;
    }
  }
}
