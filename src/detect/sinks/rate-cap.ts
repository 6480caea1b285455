// Caps how many alerts one destination gets per minute (wall clock: the cap protects people and Slack's limits);
// what is held back is counted so a single notice per minute can say so once that minute is over.

export interface CapWindowReport {
  count: number;
  from: Date;
  to: Date;
}

const MINUTE = 60_000;

export class RateCap {
  private readonly perMinute: number;
  private readonly now: () => number;
  private windowStart = -1;
  private admitted = 0;
  private heldBack = 0;
  private readonly finished: CapWindowReport[] = [];
  /** All alerts held back over the run. */
  total = 0;

  constructor(perMinute: number, now: () => number = Date.now) {
    this.perMinute = perMinute;
    this.now = now;
  }

  /** True if the alert may be sent now; false means it is held back and counted. */
  admit(): boolean {
    this.roll(this.now());
    if (this.windowStart < 0) {
      this.windowStart = this.now();
      this.admitted = 0;
    }
    if (this.admitted < this.perMinute) {
      this.admitted++;
      return true;
    }
    this.heldBack++;
    this.total++;
    return false;
  }

  /** Closes the current window if its minute is over, keeping its report when alerts were held back. */
  private roll(t: number): void {
    if (this.windowStart < 0 || t - this.windowStart < MINUTE) return;
    if (this.heldBack > 0) this.finished.push({ count: this.heldBack, from: new Date(this.windowStart), to: new Date(this.windowStart + MINUTE) });
    this.windowStart = -1;
    this.heldBack = 0;
  }

  /** Reports of finished windows (plus the current one when `final`: the run is ending), each returned once. */
  takeReports(final = false): CapWindowReport[] {
    const t = this.now();
    this.roll(t);
    if (final && this.heldBack > 0) {
      this.finished.push({ count: this.heldBack, from: new Date(this.windowStart), to: new Date(t) });
      this.heldBack = 0;
    }
    return this.finished.splice(0);
  }
}
