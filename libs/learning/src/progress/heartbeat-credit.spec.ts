import { creditHeartbeat, CreditInput, TabState } from './heartbeat-credit';
import { mergeRanges, subtractRanges, takePrefix } from './ranges';

const L = 'lesson-1';
const tab = (over: Partial<TabState> = {}): TabState => ({
  lessonId: L,
  lastSeq: 1,
  lastAtMs: 0,
  lastPositionMs: 0,
  ...over,
});
const input = (over: Partial<CreditInput>): CreditInput => ({
  nowMs: 10_000,
  beat: { lessonId: L, seq: 2, positionMs: 10_000, rate: 1 },
  tab: tab(),
  creditedUntilMs: null,
  watched: [],
  videoDurationMs: 600_000,
  ...over,
});

describe('creditHeartbeat', () => {
  it('credits real time watched at normal speed and marks the range watched', () => {
    const out = creditHeartbeat(input({}));
    expect(out).toMatchObject({ accepted: true, creditedMs: 10_000, note: null, creditedUntilMs: 10_000 });
    expect(out.watched).toEqual([[0, 10_000]]);
  });

  it('the first heartbeat of a tab only starts a segment', () => {
    expect(creditHeartbeat(input({ tab: null }))).toMatchObject({ creditedMs: 0, note: 'first_in_tab' });
  });

  it('never credits more than the wall clock: a position jump is capped', () => {
    const out = creditHeartbeat(input({ beat: { lessonId: L, seq: 2, positionMs: 300_000, rate: 1 } }));
    expect(out.creditedMs).toBe(10_000);
    expect(out.watched).toEqual([[0, 10_000]]);
  });

  it('2x playback covers twice the video but credits only real time; above 2x nothing', () => {
    const double = creditHeartbeat(input({ beat: { lessonId: L, seq: 2, positionMs: 20_000, rate: 2 } }));
    expect(double.creditedMs).toBe(10_000);
    expect(double.watched).toEqual([[0, 20_000]]);
    const triple = creditHeartbeat(input({ beat: { lessonId: L, seq: 2, positionMs: 30_000, rate: 3 } }));
    expect(triple).toMatchObject({ creditedMs: 0, note: 'too_fast_playback', watched: [] });
  });

  it('a replayed sequence number is refused and changes nothing', () => {
    const out = creditHeartbeat(input({ beat: { lessonId: L, seq: 1, positionMs: 10_000, rate: 1 } }));
    expect(out).toMatchObject({ accepted: false, creditedMs: 0, note: 'replayed' });
    expect(out.tab).toEqual(tab());
  });

  it('re-watching an already watched range earns nothing', () => {
    const out = creditHeartbeat(input({ watched: [[0, 10_000]] }));
    expect(out).toMatchObject({ creditedMs: 0, note: 'no_new_range' });
  });

  it('a parallel tab cannot reuse wall-clock time another tab was credited for', () => {
    // tab A was credited up to t=10s; tab B (other part of the video) reports at t=10s too
    const out = creditHeartbeat(
      input({
        creditedUntilMs: 10_000,
        tab: tab({ lastPositionMs: 100_000 }),
        beat: { lessonId: L, seq: 2, positionMs: 110_000, rate: 1 },
      }),
    );
    expect(out).toMatchObject({ creditedMs: 0, note: 'parallel_tab' });
    // 5 s later B may have those 5 s, no more
    const later = creditHeartbeat(
      input({
        nowMs: 15_000,
        creditedUntilMs: 10_000,
        tab: tab({ lastAtMs: 5_000, lastPositionMs: 100_000 }),
        beat: { lessonId: L, seq: 2, positionMs: 110_000, rate: 1 },
      }),
    );
    expect(later.creditedMs).toBe(5_000);
    expect(later.creditedUntilMs).toBe(15_000);
  });

  it('a long silence starts a new segment', () => {
    const out = creditHeartbeat(
      input({ nowMs: 600_000, beat: { lessonId: L, seq: 2, positionMs: 590_000, rate: 1 } }),
    );
    expect(out).toMatchObject({ creditedMs: 0, note: 'gap_too_long' });
  });
});

describe('ranges', () => {
  it('merges overlapping and touching ranges', () => {
    expect(
      mergeRanges([
        [5, 10],
        [0, 3],
        [3, 4],
        [8, 12],
        [20, 20],
      ]),
    ).toEqual([
      [0, 4],
      [5, 12],
    ]);
  });
  it('subtracts covered parts', () => {
    expect(
      subtractRanges(
        [0, 100],
        [
          [10, 20],
          [50, 200],
        ],
      ),
    ).toEqual([
      [0, 10],
      [20, 50],
    ]);
    expect(subtractRanges([30, 40], [[0, 100]])).toEqual([]);
  });
  it('takes a prefix of a given length', () => {
    expect(
      takePrefix(
        [
          [0, 10],
          [20, 30],
        ],
        15,
      ),
    ).toEqual([
      [0, 10],
      [20, 25],
    ]);
  });
});
