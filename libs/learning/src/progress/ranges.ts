/**
 * Half-open millisecond ranges `[start, end)`, kept sorted and disjoint. Used for the parts of a
 * video a viewer has watched and for live-class connected intervals.
 */
export type Range = readonly [number, number];

/** Sorts and merges overlapping or touching ranges; drops empty ones. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function totalLength(ranges: readonly Range[]): number {
  return ranges.reduce((sum, [s, e]) => sum + (e - s), 0);
}

/** The parts of `segment` not covered by `covered` (which must be merged). */
export function subtractRanges(segment: Range, covered: readonly Range[]): Range[] {
  const out: Range[] = [];
  let cursor = segment[0];
  for (const [s, e] of covered) {
    if (e <= cursor) continue;
    if (s >= segment[1]) break;
    if (s > cursor) out.push([cursor, Math.min(s, segment[1])]);
    cursor = Math.max(cursor, e);
    if (cursor >= segment[1]) break;
  }
  if (cursor < segment[1]) out.push([cursor, segment[1]]);
  return out;
}

/** The first `amount` of length of sorted ranges, in order. */
export function takePrefix(ranges: readonly Range[], amount: number): Range[] {
  const out: Range[] = [];
  let left = amount;
  for (const [s, e] of ranges) {
    if (left <= 0) break;
    const take = Math.min(e - s, left);
    out.push([s, s + take]);
    left -= take;
  }
  return out;
}
