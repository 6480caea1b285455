// Rate limits that match AWS's: a token bucket per (account × Region × service), shared by every call to that API
// from the account's credential set, with adaptive back-off — a throttled answer halves the bucket's rate and
// empties it, successes win the rate back gradually. AWS meters per account, Region and API family, so this is the
// grain at which staying under the limit is possible; the SDK's own adaptive retry then rarely has to act.

export interface BucketLimits {
  /** Sustained requests per second. */
  ratePerSecond: number;
  /** Requests allowed at once after a quiet period. */
  burst: number;
}

/**
 * Defaults below the published or observed AWS limits (IAM and Organizations are the strict ones; EC2 Describe*
 * buckets refill at ~20/s; S3 and STS allow far more), so an organization scan stays polite by default.
 */
export const DEFAULT_LIMITS: Record<string, BucketLimits> = {
  iam: { ratePerSecond: 15, burst: 30 },
  organizations: { ratePerSecond: 8, burst: 16 },
  account: { ratePerSecond: 8, burst: 16 },
  ec2: { ratePerSecond: 20, burst: 60 },
  s3: { ratePerSecond: 100, burst: 200 },
  sts: { ratePerSecond: 50, burst: 100 },
};
const FALLBACK: BucketLimits = { ratePerSecond: 20, burst: 40 };

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
const realClock: Clock = { now: () => performance.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export class TokenBucket {
  private readonly limits: BucketLimits;
  private readonly clock: Clock;
  private tokens: number;
  private last: number;
  private rate: number;
  /** Waiters go through one at a time, in arrival order. */
  private tail: Promise<void> = Promise.resolve();

  constructor(limits: BucketLimits, clock: Clock = realClock) {
    this.limits = limits;
    this.clock = clock;
    this.tokens = limits.burst;
    this.rate = limits.ratePerSecond;
    this.last = clock.now();
  }

  /** The current sustained rate (lowered by throttling). */
  get currentRate(): number {
    return this.rate;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.limits.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  /** Wait for a token. */
  async take(): Promise<void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    await previous;
    try {
      this.refill();
      while (this.tokens < 1) {
        await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
        this.refill();
      }
      this.tokens -= 1;
    } finally {
      release();
    }
  }

  /** AWS said slow down: halve the rate (not below one call per second) and spend the burst. */
  throttled(): void {
    this.refill();
    this.rate = Math.max(1, this.rate / 2);
    this.tokens = Math.min(this.tokens, 0);
  }

  /** A call went through: win back 5% of the configured rate. */
  succeeded(): void {
    if (this.rate < this.limits.ratePerSecond) {
      this.refill();
      this.rate = Math.min(this.limits.ratePerSecond, this.rate + this.limits.ratePerSecond * 0.05);
    }
  }
}

/** The buckets of one credential set (one account): one per Region × service, created on first use. */
export class RateLimits {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly limits: Record<string, BucketLimits>;
  private readonly clock: Clock;

  constructor(limits: Record<string, BucketLimits> = DEFAULT_LIMITS, clock: Clock = realClock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** Empty buckets with the same limits, for another account's credential set (AWS meters each account apart). */
  fresh(): RateLimits {
    return new RateLimits(this.limits, this.clock);
  }

  bucket(region: string, service: string): TokenBucket {
    const key = `${region}|${service}`;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new TokenBucket(this.limits[service] ?? FALLBACK, this.clock)));
    return b;
  }
}
