import { HeartbeatResponse } from '@app/contracts';
import { mergeRanges, Range, subtractRanges, takePrefix, totalLength } from './ranges';

/** Playback faster than this earns nothing: nobody learns from a video at 3x. */
export const MAX_CREDITED_RATE = 2;
/** A tab silent for longer than this has not been watching; its next heartbeat starts afresh. */
export const MAX_HEARTBEAT_GAP_MS = 120_000;

/** What the server remembers of one browser tab of one viewer. */
export interface TabState {
  lessonId: string;
  lastSeq: number;
  lastAtMs: number;
  lastPositionMs: number;
}

export interface Beat {
  lessonId: string;
  seq: number;
  positionMs: number;
  rate: number;
}

export interface CreditInput {
  /** server wall clock */
  nowMs: number;
  beat: Beat;
  /** this tab's previous accepted heartbeat, if any */
  tab: TabState | null;
  /**
   * The viewer's wall-clock watermark: every credit so far lies before it. Credits of different
   * tabs then occupy disjoint stretches of real time and can never add up to more than it.
   */
  creditedUntilMs: number | null;
  /** merged ranges of this lesson's video the viewer already watched, in video ms */
  watched: readonly Range[];
  videoDurationMs: number;
}

export interface CreditOutcome {
  accepted: boolean;
  creditedMs: number;
  note: HeartbeatResponse['note'];
  /** unchanged on a refused (replayed) heartbeat */
  tab: TabState | null;
  creditedUntilMs: number | null;
  watched: Range[];
}

/**
 * Decides what one heartbeat earns. Pure: the service loads the state under a per-viewer lock,
 * calls this, and stores the outcome.
 *
 * The claim is the stretch of video between the tab's previous position and this one, capped at
 * what the elapsed real time allows at the stated rate. Only the parts never watched before count,
 * converted back to real time (rate 2 covers 20 s of video in 10 s), and never more than the real
 * time since the later of the tab's last heartbeat and the viewer's watermark.
 */
export function creditHeartbeat(input: CreditInput): CreditOutcome {
  const { nowMs, beat, tab, creditedUntilMs, watched, videoDurationMs } = input;
  const unchanged = { tab, creditedUntilMs, watched: [...watched] };
  if (tab && beat.seq <= tab.lastSeq)
    return { ...unchanged, accepted: false, creditedMs: 0, note: 'replayed' };
  const position = Math.min(Math.max(0, Math.round(beat.positionMs)), videoDurationMs);
  const next: TabState = {
    lessonId: beat.lessonId,
    lastSeq: beat.seq,
    lastAtMs: nowMs,
    lastPositionMs: position,
  };
  const nothing = (note: HeartbeatResponse['note']): CreditOutcome => ({
    ...unchanged,
    tab: next,
    accepted: true,
    creditedMs: 0,
    note,
  });
  if (!tab || tab.lessonId !== beat.lessonId) return nothing('first_in_tab');
  if (beat.rate > MAX_CREDITED_RATE) return nothing('too_fast_playback');
  const elapsed = nowMs - tab.lastAtMs;
  if (elapsed > MAX_HEARTBEAT_GAP_MS) return nothing('gap_too_long');

  const segment: Range = [tab.lastPositionMs, Math.min(position, tab.lastPositionMs + elapsed * beat.rate)];
  const fresh = subtractRanges(segment, watched);
  const windowStart = Math.max(tab.lastAtMs, creditedUntilMs ?? Number.NEGATIVE_INFINITY);
  const budget = Math.max(0, nowMs - windowStart);
  const creditedMs = Math.floor(Math.min(totalLength(fresh) / beat.rate, budget));
  if (creditedMs <= 0) return nothing(fresh.length && budget <= 0 ? 'parallel_tab' : 'no_new_range');
  const covered = takePrefix(fresh, creditedMs * beat.rate);
  return {
    accepted: true,
    creditedMs,
    note: null,
    tab: next,
    creditedUntilMs: windowStart + creditedMs,
    watched: mergeRanges([...watched, ...covered]),
  };
}
