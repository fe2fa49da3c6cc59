import { io, type Socket } from 'socket.io-client';
import {
  LIVE_ROOM_NAMESPACE,
  type LiveRoomClientEvents,
  type LiveRoomServerEvents,
  type RoomSnapshot,
} from '@app/contracts';
import { authApi } from '../../api';
import { currentAccessToken } from './access-token';

export type LiveRoomSocket = Socket<LiveRoomServerEvents, LiveRoomClientEvents>;

export interface LiveRoomConnection {
  readonly socket: LiveRoomSocket;
  /** the snapshot of the latest (re)join, null until the first */
  readonly snapshot: RoomSnapshot | null;
  /** called with every (re)join's snapshot, and at once with the current one if there is one */
  onSnapshot(listener: (snapshot: RoomSnapshot) => void): () => void;
  /** called when the socket drops (socket.io reconnects and joins again by itself) */
  onDisconnect(listener: () => void): () => void;
}

interface Shared extends LiveRoomConnection {
  snapshot: RoomSnapshot | null;
  refs: number;
  close(): void;
}

/**
 * One socket per live session for the whole page: the room's chat and likes (live feature) and
 * its selling events (commerce panels) share it, so a viewer holds one connection to the api,
 * not one per panel. Reference-counted; the last release disconnects.
 */
const open = new Map<string, Shared>();

function connect(sessionId: string): Shared {
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
  const snapshotListeners = new Set<(s: RoomSnapshot) => void>();
  const disconnectListeners = new Set<() => void>();
  const shared: Shared = {
    socket,
    snapshot: null,
    refs: 0,
    onSnapshot(listener) {
      snapshotListeners.add(listener);
      if (shared.snapshot) listener(shared.snapshot);
      return () => snapshotListeners.delete(listener);
    },
    onDisconnect(listener) {
      disconnectListeners.add(listener);
      return () => disconnectListeners.delete(listener);
    },
    close() {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
  const join = async () => {
    const ack = await socket
      .timeout(10_000)
      .emitWithAck('joinRoom', { sessionId })
      .catch(() => null);
    if (!ack?.ok) return;
    shared.snapshot = ack.data;
    for (const listener of snapshotListeners) listener(ack.data);
  };
  socket.on('connect', () => void join());
  socket.on('disconnect', () => {
    for (const listener of disconnectListeners) listener();
  });
  // an expired access token: renew it through the api client, then shake hands again
  socket.on('authError', () => {
    authApi
      .me()
      .then(() => socket.disconnect().connect())
      .catch(() => undefined);
  });
  return shared;
}

/** The page's connection to one session's live room; call `release` when done with it. */
export function acquireLiveRoom(sessionId: string): { connection: LiveRoomConnection; release(): void } {
  let shared = open.get(sessionId);
  if (!shared) {
    shared = connect(sessionId);
    open.set(sessionId, shared);
  }
  shared.refs += 1;
  const held = shared;
  let released = false;
  return {
    connection: held,
    release() {
      if (released) return;
      released = true;
      held.refs -= 1;
      if (held.refs > 0) return;
      // a panel remounting in the same tick picks the socket up again instead of reconnecting
      queueMicrotask(() => {
        if (held.refs > 0 || open.get(sessionId) !== held) return;
        open.delete(sessionId);
        held.close();
      });
    },
  };
}
