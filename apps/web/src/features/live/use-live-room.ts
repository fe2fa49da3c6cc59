import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChatMessageView, ErrorCode, LiveRoomServerEvents, LiveSessionStatus } from '@app/contracts';
import { acquireLiveRoom, type LiveRoomSocket } from './live-room-connection';

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
 * The api's live room for one session: chat, batched likes, viewer count and status, on the
 * page's one live-room socket (live-room-connection.ts), which reconnects on its own and re-joins
 * with a fresh snapshot each time.
 */
export function useLiveRoom(sessionId: string | undefined) {
  const [state, setState] = useState<LiveRoomState>(INITIAL);
  const socketRef = useRef<LiveRoomSocket | null>(null);
  const pendingLikes = useRef(0);

  useEffect(() => {
    if (!sessionId) return;
    setState(INITIAL);
    const { connection, release } = acquireLiveRoom(sessionId);
    const socket = connection.socket;
    socketRef.current = socket;

    const offSnapshot = connection.onSnapshot((snap) =>
      setState((s) => ({
        connected: true,
        viewers: snap.viewers,
        likes: Math.max(s.likes, snap.likes),
        chat: mergeChat(s.chat, snap.recentChat),
        status: snap.status,
      })),
    );
    const offDisconnect = connection.onDisconnect(() => setState((s) => ({ ...s, connected: false })));
    const onViewers: LiveRoomServerEvents['viewerCount'] = (e) => {
      if (e.sessionId === sessionId) setState((s) => ({ ...s, viewers: e.viewers }));
    };
    const onLikes: LiveRoomServerEvents['likes'] = (e) => {
      if (e.sessionId === sessionId) setState((s) => ({ ...s, likes: Math.max(s.likes, e.total) }));
    };
    const onChat: LiveRoomServerEvents['chatMessage'] = (m) => {
      if (m.sessionId === sessionId) setState((s) => ({ ...s, chat: mergeChat(s.chat, [m]) }));
    };
    const onStatus: LiveRoomServerEvents['sessionStatus'] = (e) => {
      if (e.sessionId === sessionId) setState((s) => ({ ...s, status: e.status }));
    };
    socket.on('viewerCount', onViewers);
    socket.on('likes', onLikes);
    socket.on('chatMessage', onChat);
    socket.on('sessionStatus', onStatus);

    const flush = window.setInterval(() => {
      const count = Math.min(pendingLikes.current, LIKES_PER_SEND);
      if (count === 0 || !socket.connected) return;
      pendingLikes.current -= count;
      socket.emit('like', { sessionId, count }, () => undefined);
    }, LIKE_FLUSH_MS);

    return () => {
      window.clearInterval(flush);
      offSnapshot();
      offDisconnect();
      socket.off('viewerCount', onViewers);
      socket.off('likes', onLikes);
      socket.off('chatMessage', onChat);
      socket.off('sessionStatus', onStatus);
      release();
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
