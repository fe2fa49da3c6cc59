import { io, type Socket } from 'socket.io-client';
import { LIVE_ROOM_NAMESPACE } from '@app/contracts';

/**
 * Opens live-room sockets against one api and remembers them, so a test file closes them all in
 * `afterAll`. Without a token the socket is an anonymous watcher.
 */
export function liveRoomSockets(url: () => string): {
  /** a socket still connecting, for listening to what the handshake brings */
  open(token?: string): Socket;
  connect(token?: string): Promise<Socket>;
  closeAll(): void;
} {
  const sockets: Socket[] = [];
  const open = (token?: string): Socket => {
    const s = io(`${url()}${LIVE_ROOM_NAMESPACE}`, {
      transports: ['websocket'],
      auth: token ? { token } : {},
      forceNew: true,
    });
    sockets.push(s);
    return s;
  };
  return {
    open,
    connect(token?: string) {
      const s = open(token);
      return new Promise((resolve, reject) => {
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });
    },
    closeAll() {
      for (const s of sockets.splice(0)) s.disconnect();
    },
  };
}
