/** Takes one token of a key's bucket: 0 if allowed, else the seconds until the next token. */
export interface RateLimiter {
  take(key: string): number | Promise<number>;
}

/**
 * Per-key token buckets, in process memory: for one process (SQLite). Processes sharing a
 * PostgreSQL database share their buckets there instead (Store.takeRateToken).
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    perMinute: number,
    private readonly burst: number,
  ) {
    this.perMs = perMinute / 60_000;
  }

  /**
   * Takes one token; returns 0 if allowed, else the seconds until the next token. The clock is
   * monotonic: a wall clock set back must not drain every bucket.
   */
  take(key: string, now = performance.now()): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (this.buckets.size > 10_000) this.forgetIdle(now);
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return Math.ceil((1 - bucket.tokens) / this.perMs / 1000);
    bucket.tokens -= 1;
    return 0;
  }

  /** Drops buckets that have refilled completely: they hold no information. */
  private forgetIdle(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.burst) this.buckets.delete(key);
    }
  }
}
