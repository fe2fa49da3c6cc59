import { backoffDelay, BackoffOptions, DEFAULT_BACKOFF, mayRetry } from './backoff';

describe('backoffDelay', () => {
  const opts: BackoffOptions = { baseMs: 200, maxMs: 5000, maxAttempts: 5 };

  it('grows exponentially up to the cap, with full jitter between 10 % and 100 % of the ceiling', () => {
    const top = (attempt: number): number => backoffDelay(attempt, opts, () => 1);
    const bottom = (attempt: number): number => backoffDelay(attempt, opts, () => 0);
    expect([0, 1, 2, 3, 4, 5, 10].map(top)).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
    expect([0, 1, 2, 5].map(bottom)).toEqual([20, 40, 80, 500]);
    expect(backoffDelay(2, opts, () => 0.5)).toBe(440);
  });

  it('stays finite for huge attempt numbers and clamps a bad random source', () => {
    expect(backoffDelay(10_000, opts, () => 1)).toBe(5000);
    expect(backoffDelay(1, opts, () => 7)).toBe(400);
    expect(backoffDelay(1, opts, () => -3)).toBe(40);
  });

  it('refuses a negative or non-finite attempt', () => {
    expect(() => backoffDelay(-1, opts)).toThrow(RangeError);
    expect(() => backoffDelay(Number.NaN, opts)).toThrow(RangeError);
  });

  it('bounds the attempts', () => {
    expect(mayRetry(0, opts)).toBe(true);
    expect(mayRetry(4, opts)).toBe(true);
    expect(mayRetry(5, opts)).toBe(false);
    // the defaults give up after well under a minute of trying
    const worst = Array.from({ length: DEFAULT_BACKOFF.maxAttempts }, (_, i) =>
      backoffDelay(i, DEFAULT_BACKOFF, () => 1),
    ).reduce((a, b) => a + b, 0);
    expect(worst).toBeLessThan(60_000);
  });
});
