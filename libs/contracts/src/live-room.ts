/**
 * The live room socket (socket.io namespace `/live` on the api): chat, likes, viewer counts and the
 * selling events. Every event is declared here once, for the gateway and the browser alike.
 */
import type { Ack } from './errors';
import type { LiveSessionStatus } from './live';

export const LIVE_ROOM_NAMESPACE = '/live';
export const CHAT_MAX_LENGTH = 200;

export interface ChatMessageView {
  id: string;
  sessionId: string;
  user: { id: string; displayName: string };
  text: string;
  sentAt: string;
}

export interface RoomSnapshot {
  sessionId: string;
  status: LiveSessionStatus;
  viewers: number;
  likes: number;
  recentChat: ChatMessageView[];
}

/** Server → client. Viewer counts are one periodic number per room, never per-viewer join/leave. */
export interface LiveRoomServerEvents {
  viewerCount: (e: { sessionId: string; viewers: number }) => void;
  likes: (e: { sessionId: string; total: number }) => void;
  chatMessage: (e: ChatMessageView) => void;
  sessionStatus: (e: { sessionId: string; status: LiveSessionStatus }) => void;
}

export interface LiveRoomClientRequests {
  joinRoom: { request: { sessionId: string }; response: RoomSnapshot };
  leaveRoom: { request: { sessionId: string }; response: Record<string, never> };
  sendChat: { request: { sessionId: string; text: string }; response: ChatMessageView };
  /** taps are batched by the client; `count` is how many since the last send */
  like: { request: { sessionId: string; count: number }; response: Record<string, never> };
}

/** Client → server, each answered through the socket.io acknowledgement. */
export type LiveRoomClientEvents = {
  [K in keyof LiveRoomClientRequests]: (
    req: LiveRoomClientRequests[K]['request'],
    ack: (res: Ack<LiveRoomClientRequests[K]['response']>) => void,
  ) => void;
};

/** socket.io room name of a live session */
export function liveRoomName(sessionId: string): string {
  return `live:${sessionId}`;
}
