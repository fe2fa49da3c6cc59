import { useEffect, useState } from 'react';
import type { PeerInfo } from '@app/contracts';
import { errorCode, MediaSession, type RemoteTrack, type SessionClosedReason } from '@app/media-client';
import { isApiError } from '../../api';
import { liveApi, takeRoomToken } from './live-api';

export type MediaPhase = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed' | 'failed';

export interface MediaRoomState {
  phase: MediaPhase;
  session: MediaSession | null;
  you: PeerInfo | null;
  /** everyone this peer may see: a viewer sees the stage, the stage sees everyone */
  peers: PeerInfo[];
  hostPresent: boolean;
  /** copies, so React sees the library's in-place updates (pause, layers) as changes */
  tracks: RemoteTrack[];
  closedReason: SessionClosedReason | null;
  /** a stable error code (api or media server) when joining failed */
  error: string | null;
}

const IDLE: MediaRoomState = {
  phase: 'idle',
  session: null,
  you: null,
  peers: [],
  hostPresent: false,
  tracks: [],
  closedReason: null,
  error: null,
};

function snapshot(session: MediaSession, phase: MediaPhase): MediaRoomState {
  return {
    phase,
    session,
    you: session.you,
    peers: session.peers,
    hostPresent: session.hostPresent,
    tracks: session.tracks.map((t) => ({ ...t })),
    closedReason: null,
    error: null,
  };
}

/**
 * This page's place in a live room's media: gets a room token from the api, connects a
 * `MediaSession` (which renews the token and rebuilds itself after network trouble) and mirrors its
 * state for React. Connects while `enabled`; leaves the room when disabled or unmounted.
 */
export function useMediaRoom(
  sessionId: string | undefined,
  enabled: boolean,
  observe = false,
): MediaRoomState {
  const [state, setState] = useState<MediaRoomState>(IDLE);

  useEffect(() => {
    if (!sessionId || !enabled) return;
    let cancelled = false;
    let session: MediaSession | null = null;
    setState({ ...IDLE, phase: 'connecting' });

    const connect = async () => {
      const first = await takeRoomToken(sessionId, observe);
      return MediaSession.connect({
        url: first.mediaUrl,
        path: first.mediaPath,
        token: first.token,
        iceServers: first.iceServers,
        getToken: () => liveApi.roomToken(sessionId, observe),
      });
    };

    connect().then(
      (s) => {
        if (cancelled) {
          s.close();
          return;
        }
        session = s;
        const sync = () => setState(snapshot(s, s.state === 'reconnecting' ? 'reconnecting' : 'connected'));
        for (const event of [
          'track-added',
          'track-removed',
          'track-updated',
          'peers-changed',
          'role-changed',
          'producer-closed',
          'host-away',
          'host-back',
          'reconnecting',
          'reconnected',
        ] as const)
          s.on(event, sync);
        s.on('closed', ({ reason }) =>
          setState((prev) => ({ ...prev, phase: 'closed', tracks: [], closedReason: reason })),
        );
        sync();
      },
      (error: unknown) => {
        if (cancelled) return;
        const code = isApiError(error) ? error.code : (errorCode(error) ?? 'MEDIA_UNAVAILABLE');
        setState({ ...IDLE, phase: 'failed', error: code });
      },
    );

    return () => {
      cancelled = true;
      session?.close();
      setState(IDLE);
    };
  }, [sessionId, enabled, observe]);

  return state;
}
