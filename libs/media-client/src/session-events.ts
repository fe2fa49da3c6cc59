import type { MediaKind, PeerInfo, ProducerSource, RoomClosedReason } from '@app/contracts';
import './media-track';

/** A remote track this session receives (one mediasoup consumer). */
export interface RemoteTrack {
  consumerId: string;
  producerId: string;
  /** the publishing peer */
  peerId: string;
  kind: MediaKind;
  source: ProducerSource;
  track: MediaStreamTrack;
  /** simulcast (or SVC) video: the viewer may pick a layer */
  layered: boolean;
  /** the publisher paused it (e.g. camera off) */
  paused: boolean;
  /** layers the SFU forwards now (simulcast video), null before the first */
  spatialLayer: number | null;
  temporalLayer: number | null;
}

/** Why a session ended for good. */
export type SessionClosedReason =
  | RoomClosedReason
  /** the app called close() */
  | 'left'
  /** the same user connected elsewhere */
  | 'replaced'
  /** the room token was refused and no fresh one could be had */
  | 'unauthorized'
  /** every reconnection attempt failed */
  | 'reconnectFailed';

/** What broke a working connection and made the session rebuild it. */
export type ReconnectCause =
  'signalingLost' | 'transportFailed' | 'mediaFailure' | 'serverShutdown' | 'joinTimeout';

export interface MediaSessionEvents {
  'track-added': RemoteTrack;
  'track-removed': RemoteTrack;
  /** the publisher paused or resumed a track, or the SFU switched layers */
  'track-updated': RemoteTrack;
  /** everyone this peer may see (a viewer sees the stage; the stage sees everyone) */
  'peers-changed': { peers: PeerInfo[]; hostPresent: boolean };
  /** this peer's own info changed: invited on stage (canPublish) or removed, a hand raised or lowered */
  'role-changed': { you: PeerInfo };
  /** the server closed one of this peer's producers (e.g. publish revoked) */
  'producer-closed': { source: ProducerSource; reason: string };
  'host-away': { graceMs: number };
  'host-back': Record<string, never>;
  reconnecting: { attempt: number; cause: ReconnectCause; error?: string };
  reconnected: { attempts: number; downtimeMs: number };
  closed: { reason: SessionClosedReason };
}

/** A request the media server refused, with its stable error code. */
export class MediaRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MediaRequestError';
  }
}

export function errorCode(error: unknown): string | undefined {
  if (error instanceof MediaRequestError) return error.code;
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; data?: { code?: unknown } };
    if (typeof e.code === 'string') return e.code;
    if (typeof e.data?.code === 'string') return e.data.code;
  }
  return undefined;
}
