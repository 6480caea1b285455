// Suppresses repeats: the same rule, actor, event name, main resource, severity and reasons ("why": port, CIDR,
// principal added…) within a window of event time. Event time (not the wall clock) makes replays of old logs
// dedupe the same way live runs do. Severity and reasons are part of the identity so that a repeat never hides
// a worse alert (port 443 then port 22 on one group: both are shown).
import type { Alert } from '../types.ts';

/** Entries are swept once the map holds this many, keeping memory bounded on long follow runs. */
const SWEEP_AT = 10_000;

export function dedupeKey(a: Alert): string {
  // Threshold alerts already aggregate; their group key tells one burst from another.
  const group = a.threshold ? a.threshold.groupKey : '';
  const why = a.why === undefined ? '' : a.why.join('\u0001');
  return `${a.ruleId}\u0000${a.actor.arn ?? a.actor.userName ?? ''}\u0000${a.eventName}\u0000${a.resources[0] ?? ''}\u0000${group}\u0000${a.severity}\u0000${why}`;
}

export class AlertDeduper {
  private readonly windowMs: number;
  private readonly lastSeen = new Map<string, number>();
  private newest = 0;
  suppressed = 0;

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  /** True when the alert repeats one already let through within the window (and counts it). */
  isDuplicate(alert: Alert): boolean {
    if (this.windowMs <= 0) return false;
    const t = Date.parse(alert.eventTime);
    if (Number.isNaN(t)) return false;
    const key = dedupeKey(alert);
    const last = this.lastSeen.get(key);
    if (last !== undefined && Math.abs(t - last) < this.windowMs) {
      this.suppressed++;
      return true;
    }
    this.lastSeen.set(key, t);
    if (t > this.newest) this.newest = t;
    if (this.lastSeen.size >= SWEEP_AT) this.sweep();
    return false;
  }

  private sweep(): void {
    const oldest = this.newest - this.windowMs;
    for (const [k, t] of this.lastSeen) if (t < oldest) this.lastSeen.delete(k);
  }

  get size(): number {
    return this.lastSeen.size;
  }
}
