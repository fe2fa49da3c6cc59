/** How a session retries a full rebuild: exponential with full jitter, capped, bounded. */
export interface BackoffOptions {
  /** delay scale of the first retry */
  baseMs: number;
  /** no delay exceeds this */
  maxMs: number;
  /** attempts before the session gives up and closes */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 300, maxMs: 8000, maxAttempts: 8 };

/**
 * Delay before attempt `attempt` (0-based). The first attempt waits only a jittered fraction of
 * `baseMs`: after a worker death thousands of viewers reconnect at once, and full jitter spreads
 * them ("Exponential Backoff And Jitter", AWS Architecture Blog) while the median viewer still
 * comes back fast. `random` is injectable for tests.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  if (!Number.isFinite(attempt) || attempt < 0) throw new RangeError(`attempt must be >= 0, got ${attempt}`);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  // full jitter, but never below a tenth of the ceiling so a retry storm cannot spin at 0 ms
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling * (0.1 + 0.9 * r));
}

/** Whether another attempt is allowed after `attemptsMade` failed ones. */
export function mayRetry(attemptsMade: number, options: BackoffOptions): boolean {
  return attemptsMade < options.maxAttempts;
}
