import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  LIVE_ROOM_NAMESPACE,
  type ChatMessageView,
  type ErrorCode,
  type LiveRoomClientEvents,
  type LiveRoomServerEvents,
  type LiveSessionStatus,
} from '@app/contracts';
import { authApi } from '../../api';
import { currentAccessToken } from './access-token';

type LiveRoomSocket = Socket<LiveRoomServerEvents, LiveRoomClientEvents>;

/** How many chat messages a page keeps: enough to scroll back, bounded for cheap phones. */
const CHAT_KEEP = 100;
/** Likes are sent at most this often, as one count (the api takes 1..100 per send). */
const LIKE_FLUSH_MS = 1000;
const LIKES_PER_SEND = 100;

export interface LiveRoomState {
  connected: boolean;
  /** the api's periodic number; null until the first snapshot */
  viewers: number | null;
  likes: number;
  chat: ChatMessageView[];
  status: LiveSessionStatus | null;
}

export type SendChatResult = { ok: true } | { ok: false; code: ErrorCode | 'NETWORK_ERROR' };

const INITIAL: LiveRoomState = { connected: false, viewers: null, likes: 0, chat: [], status: null };

function mergeChat(current: ChatMessageView[], incoming: ChatMessageView[]): ChatMessageView[] {
  const seen = new Set(current.map((m) => m.id));
  const added = incoming.filter((m) => !seen.has(m.id));
  if (added.length === 0) return current;
  return [...current, ...added].slice(-CHAT_KEEP);
}

/**
 * The api's live-room socket for one session: chat, batched likes, viewer count and status.
 * Reconnects on its own (socket.io) and re-joins with a fresh snapshot each time.
 */
export function useLiveRoom(sessionId: string | undefined) {
  const [state, setState] = useState<LiveRoomState>(INITIAL);
  const socketRef = useRef<LiveRoomSocket | null>(null);
  const pendingLikes = useRef(0);

  useEffect(() => {
    if (!sessionId) return;
    setState(INITIAL);
    const socket: LiveRoomSocket = io(LIVE_ROOM_NAMESPACE, {
      path: '/socket.io',
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      // read at every (re)connect, so a renewed token is used after a network drop
      auth: (cb) => {
        const token = currentAccessToken();
        cb(token ? { token } : {});
      },
    });
    socketRef.current = socket;

    const join = async () => {
      const ack = await socket
        .timeout(10_000)
        .emitWithAck('joinRoom', { sessionId })
        .catch(() => null);
      if (!ack?.ok) return;
      const snap = ack.data;
      setState((s) => ({
        connected: true,
        viewers: snap.viewers,
        likes: Math.max(s.likes, snap.likes),
        chat: mergeChat(s.chat, snap.recentChat),
        status: snap.status,
      }));
    };
    socket.on('connect', () => void join());
    socket.on('disconnect', () => setState((s) => ({ ...s, connected: false })));
    socket.on(
      'viewerCount',
      (e) => e.sessionId === sessionId && setState((s) => ({ ...s, viewers: e.viewers })),
    );
    socket.on(
      'likes',
      (e) => e.sessionId === sessionId && setState((s) => ({ ...s, likes: Math.max(s.likes, e.total) })),
    );
    socket.on(
      'chatMessage',
      (m) => m.sessionId === sessionId && setState((s) => ({ ...s, chat: mergeChat(s.chat, [m]) })),
    );
    socket.on(
      'sessionStatus',
      (e) => e.sessionId === sessionId && setState((s) => ({ ...s, status: e.status })),
    );
    // an expired access token: renew it through the api client, then shake hands again
    socket.on('authError', () => {
      authApi
        .me()
        .then(() => socket.disconnect().connect())
        .catch(() => undefined);
    });

    const flush = window.setInterval(() => {
      const count = Math.min(pendingLikes.current, LIKES_PER_SEND);
      if (count === 0 || !socket.connected) return;
      pendingLikes.current -= count;
      socket.emit('like', { sessionId, count }, () => undefined);
    }, LIKE_FLUSH_MS);

    return () => {
      window.clearInterval(flush);
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
      pendingLikes.current = 0;
    };
  }, [sessionId]);

  const sendChat = useCallback(
    async (text: string): Promise<SendChatResult> => {
      const socket = socketRef.current;
      if (!socket || !sessionId || !socket.connected) return { ok: false, code: 'NETWORK_ERROR' };
      try {
        const ack = await socket.timeout(10_000).emitWithAck('sendChat', { sessionId, text });
        if (!ack.ok) return { ok: false, code: ack.error.code };
        setState((s) => ({ ...s, chat: mergeChat(s.chat, [ack.data]) }));
        return { ok: true };
      } catch {
        return { ok: false, code: 'NETWORK_ERROR' };
      }
    },
    [sessionId],
  );

  /** One tap: counted at once on screen, sent with the others at the next flush. */
  const like = useCallback(() => {
    pendingLikes.current += 1;
    setState((s) => ({ ...s, likes: s.likes + 1 }));
  }, []);

  return { ...state, sendChat, like };
}
