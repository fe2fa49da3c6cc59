/** Limits and timings of the SFU. Defaults suit production; tests shorten the timings. */
export interface MediaLimits {
  /** consumers on a room's worker past which new viewers go to a piped router on another worker */
  pipeThreshold: number;
  /** how long a room outlives its host's departure, waiting for the host to come back */
  hostGraceMs: number;
  /** producers one peer may hold at once (camera, mic, screen) */
  maxProducersPerPeer: number;
  /** a connected peer that has not sent `join` by then is removed */
  joinTimeoutMs: number;
  /** how long the server waits for the client to acknowledge `newConsumer` */
  consumerAckTimeoutMs: number;
  /** a room that ended (host ended it, or the host never came back) refuses connections this long */
  endedRoomTtlMs: number;
  /** how often each room reports viewers and attendance to the api */
  reportIntervalMs: number;
  /** one report (or any internal api call) gives up after this */
  apiTimeoutMs: number;
  /** a closed room's last report is retried this long before it is given up (and logged as lost) */
  reportGiveUpMs: number;
  /** a recording asks the host for a key frame this often: ffmpeg needs one to start, replays to seek */
  recordingKeyFrameIntervalMs: number;
  /**
   * a recorded room asks the api this often whether its session is live (or over): the api also
   * says so when it changes, and this bounds how late a recording starts when that call is lost
   */
  sessionCheckIntervalMs: number;
  /** a viewer may raise or lower a hand this many times per `handWindowMs` (then RATE_LIMITED) */
  handChangesPerWindow: number;
  handWindowMs: number;
}

export const MEDIA_LIMITS = Symbol('MEDIA_LIMITS');

export const DEFAULT_MEDIA_LIMITS: MediaLimits = {
  pipeThreshold: 400,
  hostGraceMs: 30_000,
  maxProducersPerPeer: 3,
  joinTimeoutMs: 30_000,
  consumerAckTimeoutMs: 10_000,
  endedRoomTtlMs: 15 * 60_000,
  reportIntervalMs: 5_000,
  apiTimeoutMs: 5_000,
  reportGiveUpMs: 10 * 60_000,
  recordingKeyFrameIntervalMs: 4_000,
  sessionCheckIntervalMs: 5_000,
  handChangesPerWindow: 6,
  handWindowMs: 30_000,
};

/** Largest signaling message handled, in bytes of JSON; a larger one is refused with PAYLOAD_TOO_LARGE. */
export const MAX_SIGNALING_MESSAGE_BYTES = 32 * 1024;

/** Hard cap socket.io enforces before any handler runs (it disconnects the client). */
export const SOCKET_MAX_BUFFER_BYTES = 256 * 1024;
