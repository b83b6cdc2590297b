/** How many new patients a tab may have read at once, and how fast that allowance comes back. */
export interface ReadLimit {
  burst: number;
  refillMs: number;
}

/**
 * A clinician moves between a few patients; a page walking `pushState` through a caseload moves
 * through dozens a second. A token bucket per tab: `burst` reads at once, then one every
 * `refillMs`. Reads are delayed, never refused: the patient still on screen when the wait ends is
 * read, the ones passed over in between are not.
 */
export const DEFAULT_READ_LIMIT: ReadLimit = { burst: 4, refillMs: 2_000 };

/**
 * @example
 * const limiter = createReadLimiter({ burst: 1, refillMs: 1000 });
 * limiter.take(0);   // 0: read now
 * limiter.take(200); // 800: wait 800 ms
 */
export function createReadLimiter(limit: ReadLimit = DEFAULT_READ_LIMIT) {
  // The allowance in milliseconds of refill (one read costs `refillMs`), so it stays exact.
  const capacity = limit.burst * limit.refillMs;
  let available = capacity;
  let last: number | undefined;
  return {
    /** 0 when a read may start now (and uses the allowance); otherwise the milliseconds to wait. */
    take(now: number): number {
      if (last !== undefined) available = Math.min(capacity, available + Math.max(0, now - last));
      last = now;
      if (available >= limit.refillMs) {
        available -= limit.refillMs;
        return 0;
      }
      return limit.refillMs - available;
    },
  };
}
