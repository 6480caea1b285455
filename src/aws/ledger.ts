// The API-call ledger: every AWS call counted by service, operation and Region, with retries and throttles.
// It backs `--stats`, the published "API calls per account" figure, and the test that a scan only reads.

export interface LedgerEntry {
  service: string;
  operation: string;
  region: string;
  calls: number;
  /** Extra attempts made by the SDK's retry strategy. */
  retries: number;
  /** Attempts answered with a throttling error. */
  throttled: number;
  /** Calls that failed after retries. */
  errors: number;
}

export class ApiLedger {
  private readonly entries = new Map<string, LedgerEntry>();
  /** A per-account ledger of an organization scan also counts into the run's ledger. */
  private readonly parent: ApiLedger | undefined;
  constructor(parent?: ApiLedger) {
    this.parent = parent;
  }

  private entry(service: string, operation: string, region: string): LedgerEntry {
    const key = `${service}\u0000${operation}\u0000${region}`;
    let e = this.entries.get(key);
    if (!e) {
      e = { service, operation, region, calls: 0, retries: 0, throttled: 0, errors: 0 };
      this.entries.set(key, e);
    }
    return e;
  }

  recordCall(service: string, operation: string, region: string, outcome: { attempts: number; failed: boolean }): void {
    const e = this.entry(service, operation, region);
    e.calls += 1;
    e.retries += Math.max(0, outcome.attempts - 1);
    if (outcome.failed) e.errors += 1;
    this.parent?.recordCall(service, operation, region, outcome);
  }

  recordThrottle(service: string, operation: string, region: string): void {
    this.entry(service, operation, region).throttled += 1;
    this.parent?.recordThrottle(service, operation, region);
  }

  list(): LedgerEntry[] {
    return [...this.entries.values()].sort(
      (a, b) => a.service.localeCompare(b.service) || a.operation.localeCompare(b.operation) || a.region.localeCompare(b.region),
    );
  }

  /** Distinct `service:Operation` names called, e.g. `iam:GetAccountSummary`. */
  operations(): string[] {
    return [...new Set(this.list().map((e) => `${e.service}:${e.operation}`))].sort();
  }

  totals(): { calls: number; retries: number; throttled: number; errors: number } {
    const t = { calls: 0, retries: 0, throttled: 0, errors: 0 };
    for (const e of this.entries.values()) {
      t.calls += e.calls;
      t.retries += e.retries;
      t.throttled += e.throttled;
      t.errors += e.errors;
    }
    return t;
  }
}
