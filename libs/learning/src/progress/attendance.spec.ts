import { attendedMs } from './attendance';

const at = (min: number): Date => new Date(Date.UTC(2026, 2, 1, 10, min));

describe('attendedMs', () => {
  it('merges overlapping intervals (two devices, reconnects) and sums the rest', () => {
    expect(
      attendedMs([
        { joinedAt: at(0), leftAt: at(30) },
        { joinedAt: at(20), leftAt: at(40) }, // second device overlapping
        { joinedAt: at(50), leftAt: at(60) },
        { joinedAt: at(55), leftAt: at(58) }, // nested
      ]),
    ).toBe(50 * 60_000);
  });
  it('is zero for no intervals and ignores inverted ones', () => {
    expect(attendedMs([])).toBe(0);
    expect(attendedMs([{ joinedAt: at(10), leftAt: at(5) }])).toBe(0);
  });
});
