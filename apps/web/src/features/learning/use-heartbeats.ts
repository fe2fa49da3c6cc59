import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { HeartbeatResponse } from '@app/contracts';
import { learningApi } from './learning-api';
import { randomId } from './learning-format';

/** Often enough that a dropped beat loses little; well inside the api's 120 s gap limit. */
export const HEARTBEAT_INTERVAL_MS = 10_000;

// One id per page load of this tab, with its own sequence: the api credits a stretch of real time
// only once across tabs, and refuses a replayed or out-of-order sequence number.
const TAB_ID = randomId();
let seq = 0;

export interface WatchState {
  /** hours credited for this lesson, the api's figure at load plus what heartbeats earned since */
  creditedMs: number;
  /** seconds of the video watched at least once, from the last answer */
  watchedSec: number | null;
  lastNote: HeartbeatResponse['note'];
}

export interface HeartbeatHandlers {
  onPlaying(e: SyntheticEvent<HTMLVideoElement>): void;
  onPause(): void;
  onEnded(): void;
  onWaiting(): void;
}

/**
 * Sends a heartbeat every ~10 s while the video plays, and one when it pauses, stalls or ends, so
 * the last stretch counts too. The api decides what each is worth; this only reports position and
 * speed. Spread the handlers on the `<video>`.
 */
export function useHeartbeats(
  lessonId: string,
  initialCreditedMs: number,
): { watch: WatchState; handlers: HeartbeatHandlers } {
  const [watch, setWatch] = useState<WatchState>({
    creditedMs: initialCreditedMs,
    watchedSec: null,
    lastNote: null,
  });
  const video = useRef<HTMLVideoElement | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const inFlight = useRef(false);

  const beat = useCallback(() => {
    const el = video.current;
    if (!el || inFlight.current) return;
    inFlight.current = true;
    seq += 1;
    learningApi
      .heartbeat(lessonId, {
        tabId: TAB_ID,
        seq,
        positionSec: Math.round(el.currentTime * 10) / 10,
        playbackRate: el.playbackRate,
      })
      .then((res) =>
        setWatch((s) => ({
          creditedMs: s.creditedMs + res.creditedMs,
          watchedSec: res.watchedSec,
          lastNote: res.note,
        })),
      )
      // a lost heartbeat costs at most one interval of credit; the next one carries on
      .catch(() => undefined)
      .finally(() => {
        inFlight.current = false;
      });
  }, [lessonId]);

  const stop = useCallback(() => {
    if (timer.current === undefined) return;
    clearInterval(timer.current);
    timer.current = undefined;
    beat();
  }, [beat]);

  useEffect(
    () => () => {
      clearInterval(timer.current);
      timer.current = undefined;
    },
    [lessonId],
  );

  const handlers: HeartbeatHandlers = {
    onPlaying: (e) => {
      video.current = e.currentTarget;
      if (timer.current !== undefined) return;
      beat();
      timer.current = setInterval(beat, HEARTBEAT_INTERVAL_MS);
    },
    onPause: stop,
    onEnded: stop,
    onWaiting: stop,
  };
  return { watch, handlers };
}
