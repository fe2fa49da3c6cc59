import { lastLocalDays } from './local-days';

const iso = (d: Date[]): string[] => d.map((x) => x.toISOString());

describe('lastLocalDays', () => {
  it('cuts China days at 16:00 UTC: 01:00 on the 11th in Shanghai is still the 10th in UTC', () => {
    const now = new Date('2026-03-10T17:00:00Z');
    expect(lastLocalDays(now, 3, 'Asia/Shanghai')).toEqual({
      dates: ['2026-03-09', '2026-03-10', '2026-03-11'],
      bounds: new Array(4).fill(0).map((_, i) => new Date(Date.UTC(2026, 2, 8 + i, 16))),
    });
    expect(lastLocalDays(now, 2, 'UTC').dates).toEqual(['2026-03-09', '2026-03-10']);
    expect(iso(lastLocalDays(now, 2, 'UTC').bounds)).toEqual([
      '2026-03-09T00:00:00.000Z',
      '2026-03-10T00:00:00.000Z',
      '2026-03-11T00:00:00.000Z',
    ]);
  });

  it('crosses months and years by the calendar', () => {
    const days = lastLocalDays(new Date('2026-01-01T03:00:00Z'), 3, 'Asia/Shanghai');
    expect(days.dates).toEqual(['2025-12-30', '2025-12-31', '2026-01-01']);
  });

  it('gives a 25-hour day when clocks go back (New York, 2 November 2025)', () => {
    const { dates, bounds } = lastLocalDays(new Date('2025-11-02T20:00:00Z'), 2, 'America/New_York');
    expect(dates).toEqual(['2025-11-01', '2025-11-02']);
    expect(iso(bounds)).toEqual([
      '2025-11-01T04:00:00.000Z',
      '2025-11-02T04:00:00.000Z',
      '2025-11-03T05:00:00.000Z',
    ]);
  });

  it('starts a day at 01:00 where midnight is skipped (Santiago, 7 September 2025)', () => {
    const { dates, bounds } = lastLocalDays(new Date('2025-09-07T12:00:00Z'), 2, 'America/Santiago');
    expect(dates).toEqual(['2025-09-06', '2025-09-07']);
    // the 6th lasts 23 hours: 00:00 at -04 until 01:00 at -03 on the 7th
    expect(iso(bounds)).toEqual([
      '2025-09-06T04:00:00.000Z',
      '2025-09-07T04:00:00.000Z',
      '2025-09-08T03:00:00.000Z',
    ]);
  });

  it('handles zones ahead of UTC by more than 12 hours', () => {
    const { dates, bounds } = lastLocalDays(new Date('2026-03-10T11:00:00Z'), 1, 'Pacific/Kiritimati');
    expect(dates).toEqual(['2026-03-11']);
    expect(iso(bounds)).toEqual(['2026-03-10T10:00:00.000Z', '2026-03-11T10:00:00.000Z']);
  });
});
