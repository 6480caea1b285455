// The detection pipeline: source → parse → engine → severity filter → dedupe → per-sink rate cap → sinks,
// with counters for everything dropped on the way. Records are handled synchronously inside a batch;
// the only awaits are per batch (reading) and per alert (delivering), never per record. A worker pool
// (parallel/) may do the stateless part (parse, validate, time range, stateless rules) and hand over matched
// batches; the threshold windows, dedupe, rate cap, sinks and counters always stay here.
import type { Logger } from '../core/logger.ts';
import type { EngineCounts, ThresholdStep } from './engine.ts';
import type { MatchedBatch, MatchedSource, RecordHits } from './parallel/types.ts';
import { admitRecord, OUT_OF_RANGE, type RecordScope } from './record.ts';
import { AlertDeduper } from './sinks/dedupe.ts';
import { RateCap } from './sinks/rate-cap.ts';
import type { AlertSink, RunSummary } from './sinks/types.ts';
import type { RecordBatch, RecordSource } from './sources/types.ts';
import { alertSeverityOrder, type Alert, type AlertSeverity, type CloudTrailRecord, type RecordOrigin } from './types.ts';

/** What the pipeline needs from the rule engine (DetectionEngine satisfies it; tests pass a fake). */
export interface AlertEngine {
  process(record: CloudTrailRecord, origin?: RecordOrigin): Alert[];
}

/** What the pipeline needs from the engine when workers matched the stateless rules (DetectionEngine satisfies it). */
export interface ThresholdEngine extends AlertEngine {
  applyThresholdMatch(step: ThresholdStep, record: () => CloudTrailRecord, origin?: RecordOrigin): Alert | undefined;
  addCounts(c: EngineCounts): void;
}

export interface SinkSetup {
  sink: AlertSink;
  /** Alerts per minute this sink may receive; undefined = no cap. */
  maxPerMinute?: number;
}

/** A source of raw records and the engine for them, or a worker pool's matched batches and the engine keeping the windows. */
export type DetectRunOptions = DetectRunCommonOptions & ({ source: RecordSource; engine: AlertEngine } | PrematchedRun);

interface PrematchedRun {
  source: MatchedSource;
  engine: ThresholdEngine;
}

function isPrematched(o: DetectRunOptions): o is DetectRunCommonOptions & PrematchedRun {
  return 'prematched' in o.source;
}

export interface DetectRunCommonOptions {
  sinks: SinkSetup[];
  logger: Logger;
  minSeverity?: AlertSeverity;
  /** 0 turns deduplication off. */
  dedupeWindowMs?: number;
  /** Records outside [since, until] (event time) are skipped and counted. */
  since?: Date;
  until?: Date;
  /** Only records of these accounts (recipientAccountId) / Regions (awsRegion); the rest are skipped and counted with outOfRange. */
  accounts?: string[];
  regions?: string[];
  /** Aborting ends the run cleanly (follow mode, SIGINT): sinks are closed and counters returned. */
  signal?: AbortSignal;
  /** How often finished rate-cap minutes are reported while the run goes on. */
  tickMs?: number;
  /** Follow mode: sinks also flush grouped output on every tick instead of only at the end. */
  flushOnTick?: boolean;
  now?: () => number;
}

export interface MalformedLocation {
  location: string;
  count: number;
  reasons: string[];
}

export interface SinkStats {
  delivered: number;
  rateCapped: number;
  failed: number;
  firstError: string | undefined;
}

export interface DetectStats {
  source: string;
  batches: number;
  /** Distinct files/objects/pages (locations) read. */
  locations: number;
  /** Records handed to the engine. */
  records: number;
  outOfRange: number;
  malformed: { total: number; locations: number; samples: MalformedLocation[] };
  alerts: {
    /** Everything the engine raised, including what was filtered or suppressed afterwards (drives --fail-on). */
    raised: number;
    raisedBySeverity: Record<AlertSeverity, number>;
    /** Alerts passed on to the sinks (after --min-severity and dedupe). */
    bySeverity: Record<AlertSeverity, number>;
    belowMinSeverity: number;
    duplicates: number;
    /** Alerts that went to at least one sink. */
    emitted: number;
  };
  sinks: Record<string, SinkStats>;
  elapsedMs: number;
  eventsPerSecond: number;
  interrupted: boolean;
}

/** An alert not attempted because its sink is in its failure cool-down. */
class SkippedDelivery extends Error {}

/** Locations with malformed input shown in detail; beyond that only the totals grow. */
const MAX_MALFORMED_SAMPLES = 20;
export const MAX_MALFORMED_REASONS = 3;

function zeroSeverities(): Record<AlertSeverity, number> {
  return { info: 0, low: 0, medium: 0, high: 0, critical: 0 };
}

/** After this many alerts in a row failed (each after its retries), a sink is skipped for BREAKER_MS. */
const BREAKER_FAILURES = 2;
const BREAKER_MS = 60_000;

/**
 * One destination with its cap and a serial queue, so messages to one sink keep their order. A sink that
 * keeps failing (Slack down, wrong URL) is skipped for a minute at a time instead of stalling every alert
 * on its retries; skipped alerts count as failed.
 */
class Lane {
  readonly sink: AlertSink;
  readonly cap: RateCap | undefined;
  readonly stats: SinkStats = { delivered: 0, rateCapped: 0, failed: 0, firstError: undefined };
  private readonly logger: Logger;
  private readonly now: () => number;
  private chain: Promise<void> = Promise.resolve();
  private consecutiveFailures = 0;
  private skipUntil = 0;

  constructor(setup: SinkSetup, logger: Logger, now: () => number) {
    this.sink = setup.sink;
    this.cap = setup.maxPerMinute !== undefined && setup.maxPerMinute > 0 ? new RateCap(setup.maxPerMinute, now) : undefined;
    this.logger = logger;
    this.now = now;
  }

  enqueue(alert: Alert): void {
    this.sendNotices(false);
    if (this.cap && !this.cap.admit()) {
      this.stats.rateCapped++;
      return;
    }
    this.run(async () => {
      if (this.now() < this.skipUntil) throw new SkippedDelivery();
      try {
        await this.sink.send(alert);
      } catch (e) {
        if (++this.consecutiveFailures >= BREAKER_FAILURES) {
          this.skipUntil = this.now() + BREAKER_MS;
          this.logger.warn(`${this.sink.name} failed ${this.consecutiveFailures} times in a row; not trying it again for ${BREAKER_MS / 1000} s`);
        }
        throw e;
      }
      this.consecutiveFailures = 0;
      this.stats.delivered++;
    }, true);
  }

  sendNotices(final: boolean): void {
    for (const r of this.cap?.takeReports(final) ?? []) {
      const notice = { kind: 'rate-cap' as const, sink: this.sink.name, count: r.count, from: r.from.toISOString(), to: r.to.toISOString() };
      this.logger.warn(`${notice.count} alert${notice.count === 1 ? '' : 's'} to ${notice.sink} suppressed by the rate cap between ${notice.from} and ${notice.to}`);
      this.run(() => this.sink.notice(notice), false);
    }
  }

  /** Runs `fn` after everything queued before it; a failure is counted and reported, never thrown. */
  run(fn: () => Promise<void>, isAlert: boolean): void {
    this.chain = this.chain.then(fn).catch((e: unknown) => {
      if (isAlert) this.stats.failed++;
      if (e instanceof SkippedDelivery) return;
      const msg = e instanceof Error ? e.message : String(e);
      if (this.stats.firstError === undefined) this.stats.firstError = msg;
      // The first few failures are shown as they happen; the rest only in the final count.
      if (this.stats.failed <= 3) this.logger.warn(`alert delivery to ${this.sink.name} failed: ${msg}`);
    });
  }

  idle(): Promise<void> {
    return this.chain;
  }
}

/** The record behind a worker's threshold hit, parsed from its text the first time an alert needs it. */
function recordOf(batch: MatchedBatch, hit: RecordHits, ruleId: string): CloudTrailRecord {
  hit.record ??= hit.recordText === undefined ? undefined : (JSON.parse(hit.recordText) as CloudTrailRecord);
  if (hit.record === undefined) throw new Error(`${batch.location}: record ${hit.index} matched ${ruleId} but was not sent`);
  return hit.record;
}

export async function runDetection(opts: DetectRunOptions): Promise<DetectStats> {
  const now = opts.now ?? Date.now;
  const started = now();
  const signal = opts.signal ?? new AbortController().signal;
  const minRank = opts.minSeverity ? alertSeverityOrder.indexOf(opts.minSeverity) : 0;
  const deduper = new AlertDeduper(opts.dedupeWindowMs ?? 0);
  const lanes = opts.sinks.map((s) => new Lane(s, opts.logger, now));
  const scope: RecordScope = { sinceMs: opts.since?.getTime(), untilMs: opts.until?.getTime(), accounts: opts.accounts, regions: opts.regions };

  const stats: DetectStats = {
    source: opts.source.name,
    batches: 0,
    locations: 0,
    records: 0,
    outOfRange: 0,
    malformed: { total: 0, locations: 0, samples: [] },
    alerts: { raised: 0, raisedBySeverity: zeroSeverities(), bySeverity: zeroSeverities(), belowMinSeverity: 0, duplicates: 0, emitted: 0 },
    sinks: {},
    elapsedMs: 0,
    eventsPerSecond: 0,
    interrupted: false,
  };
  let lastLocation: string | undefined;
  let lastMalformed: MalformedLocation | undefined;

  const noteMalformed = (location: string, count: number, reasons: string[]) => {
    stats.malformed.total += count;
    if (lastMalformed?.location !== location) {
      stats.malformed.locations++;
      lastMalformed = { location, count: 0, reasons: [] };
      if (stats.malformed.samples.length < MAX_MALFORMED_SAMPLES) stats.malformed.samples.push(lastMalformed);
    }
    lastMalformed.count += count;
    for (const r of reasons) if (lastMalformed.reasons.length < MAX_MALFORMED_REASONS) lastMalformed.reasons.push(r);
  };

  const deliver = (alert: Alert) => {
    stats.alerts.raised++;
    stats.alerts.raisedBySeverity[alert.severity]++;
    if (alertSeverityOrder.indexOf(alert.severity) < minRank) {
      stats.alerts.belowMinSeverity++;
      return;
    }
    if (deduper.isDuplicate(alert)) {
      stats.alerts.duplicates++;
      return;
    }
    stats.alerts.emitted++;
    stats.alerts.bySeverity[alert.severity]++;
    for (const lane of lanes) lane.enqueue(alert);
  };

  const countBatch = (batch: RecordBatch | MatchedBatch) => {
    stats.batches++;
    if (batch.location !== lastLocation) {
      stats.locations++;
      lastLocation = batch.location;
    }
    if (batch.droppedCount > 0 || batch.problems.length > 0) noteMalformed(batch.location, Math.max(batch.droppedCount, batch.problems.length > 0 ? 1 : 0), batch.problems);
  };

  const handleBatch = (batch: RecordBatch): boolean => {
    countBatch(batch);
    const recs = batch.records;
    let raisedAny = false;
    for (let i = 0; i < recs.length; i++) {
      const rec = admitRecord(recs[i], scope);
      if (rec === OUT_OF_RANGE) {
        stats.outOfRange++;
        continue;
      }
      if (typeof rec === 'string') {
        noteMalformed(batch.location, 1, [`record ${batch.startIndex + i}: ${rec}`]);
        continue;
      }
      stats.records++;
      const alerts = opts.engine.process(rec, { location: batch.location, index: batch.startIndex + i });
      if (alerts.length > 0) {
        raisedAny = true;
        for (const a of alerts) deliver(a);
      }
    }
    return raisedAny;
  };

  // The same steps as handleBatch, with the per-record work already done by a worker: only the threshold
  // windows and everything after the engine run here, in the same order as on one thread.
  const handleMatched = (batch: MatchedBatch, engine: ThresholdEngine): boolean => {
    countBatch(batch);
    if (batch.invalid > 0) noteMalformed(batch.location, batch.invalid, batch.invalidReasons);
    stats.outOfRange += batch.outOfRange;
    stats.records += batch.records;
    engine.addCounts({ records: batch.records, matches: batch.statelessMatches, alerts: batch.statelessMatches });
    let raisedAny = false;
    for (const hit of batch.hits) {
      const origin = { location: batch.location, index: hit.index };
      for (const step of hit.steps) {
        let alert: Alert | undefined;
        if (step.kind === 'alert') alert = step.alert;
        else alert = engine.applyThresholdMatch(step, () => recordOf(batch, hit, step.ruleId), origin);
        if (alert) {
          raisedAny = true;
          deliver(alert);
        }
      }
    }
    return raisedAny;
  };

  const consume = async <T>(batches: AsyncIterable<T>, handle: (b: T) => boolean): Promise<void> => {
    for await (const batch of batches) {
      if (handle(batch)) await Promise.all(lanes.map((l) => l.idle()));
      if (signal.aborted) break;
    }
  };

  // While the run goes on (follow mode, slow sources), finished rate-cap minutes are reported and
  // grouped terminal output is written, without waiting for the end.
  const timer = setInterval(() => {
    for (const lane of lanes) {
      lane.sendNotices(false);
      const flush = opts.flushOnTick ? lane.sink.flush?.bind(lane.sink) : undefined;
      if (flush) lane.run(flush, false);
    }
  }, opts.tickMs ?? 2000);
  timer.unref();

  // A source failing half-way (credentials expired, AccessDenied on one prefix) must not lose the alerts
  // already raised: the sinks are still drained and closed, then the error is rethrown.
  let sourceError: unknown;
  try {
    if (isPrematched(opts)) {
      const engine = opts.engine;
      await consume(opts.source.batches(signal), (b) => handleMatched(b, engine));
    } else await consume(opts.source.batches(signal), handleBatch);
  } catch (e) {
    sourceError = e;
  } finally {
    clearInterval(timer);
  }
  stats.interrupted = signal.aborted;

  for (const lane of lanes) lane.sendNotices(true);
  await Promise.all(lanes.map((l) => l.idle()));
  const summary: RunSummary = {
    alerts: stats.alerts.emitted,
    bySeverity: stats.alerts.bySeverity,
    duplicates: stats.alerts.duplicates,
    dedupeWindowMs: opts.dedupeWindowMs ?? 0,
    rateCapped: Object.fromEntries(lanes.filter((l) => l.cap).map((l) => [l.sink.name, l.stats.rateCapped])),
    belowMinSeverity: stats.alerts.belowMinSeverity,
    records: stats.records,
    malformed: stats.malformed.total,
  };
  for (const lane of lanes) lane.run(() => lane.sink.close(summary), false);
  await Promise.all(lanes.map((l) => l.idle()));
  for (const lane of lanes) stats.sinks[lane.sink.name] = lane.stats;

  stats.elapsedMs = now() - started;
  stats.eventsPerSecond = stats.elapsedMs > 0 ? Math.round((stats.records * 1000) / stats.elapsedMs) : stats.records;
  if (sourceError !== undefined) throw sourceError;
  return stats;
}
