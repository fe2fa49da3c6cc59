import { mergeRanges, Range, totalLength } from './ranges';

export interface ConnectedInterval {
  joinedAt: Date;
  leftAt: Date;
}

/**
 * A person's attendance in one live class: the union of the media server's connected intervals,
 * so two devices or a reconnect overlapping the old connection count once.
 */
export function attendedMs(intervals: readonly ConnectedInterval[]): number {
  const ranges: Range[] = intervals.map((i) => [i.joinedAt.getTime(), i.leftAt.getTime()]);
  return totalLength(mergeRanges(ranges));
}
