import { formatClock } from './live-text';

describe('formatClock', () => {
  it('reads like a clock: minutes and seconds, hours only when there are some', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(7_999)).toBe('0:07');
    expect(formatClock(12 * 60_000 + 30_000)).toBe('12:30');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(-5_000)).toBe('0:00');
  });
});
