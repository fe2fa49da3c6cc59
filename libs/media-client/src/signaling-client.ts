import { io, Socket } from 'socket.io-client';
import {
  Ack,
  Empty,
  ErrorBody,
  MEDIA_NAMESPACE,
  MediaClientToServerEvents,
  MediaNotificationName,
  MediaNotifications,
  MediaRequest,
  MediaRequestName,
  MediaResponse,
  MediaServerToClientEvents,
  NewConsumer,
} from '@app/contracts';
import { MediaRequestError } from './session-events';

type MediaSocket = Socket<MediaServerToClientEvents, MediaClientToServerEvents>;

export interface SignalingTarget {
  /** socket.io origin; '' means the page's own origin */
  url: string;
  /** socket.io path on that origin (`/media-io` through the api, `/socket.io` direct) */
  path: string;
  token: string;
  requestTimeoutMs?: number;
}

/**
 * One socket.io connection to the media server's `/media` namespace, with typed requests.
 * socket.io's own reconnection is off: the server forgets a peer when its socket drops, so a new
 * socket is a new peer and the session above rebuilds everything.
 */
export class SignalingClient {
  private closedByUs = false;

  private constructor(
    private readonly socket: MediaSocket,
    private readonly timeoutMs: number,
  ) {}

  /** Resolves once connected; rejects with the server's refusal (`MediaRequestError`, e.g. ROOM_TOKEN_INVALID). */
  static open(target: SignalingTarget): Promise<SignalingClient> {
    const socket: MediaSocket = io(`${target.url}${MEDIA_NAMESPACE}`, {
      path: target.path,
      auth: { token: target.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 10_000,
    });
    return new Promise((resolve, reject) => {
      const onConnect = (): void => {
        socket.off('connect_error', onError);
        resolve(new SignalingClient(socket, target.requestTimeoutMs ?? 10_000));
      };
      const onError = (err: Error & { data?: ErrorBody }): void => {
        socket.off('connect', onConnect);
        socket.close();
        reject(new MediaRequestError(err.data?.code ?? 'MEDIA_UNAVAILABLE', err.message));
      };
      socket.once('connect', onConnect);
      socket.once('connect_error', onError);
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  async request<K extends MediaRequestName>(name: K, req: MediaRequest<K>): Promise<MediaResponse<K>> {
    const emit = this.socket.timeout(this.timeoutMs).emitWithAck as unknown as (
      event: K,
      request: MediaRequest<K>,
    ) => Promise<Ack<MediaResponse<K>>>;
    let ack: Ack<MediaResponse<K>>;
    try {
      ack = await emit.call(this.socket, name, req);
    } catch {
      throw new MediaRequestError('MEDIA_UNAVAILABLE', `${name}: no answer from the media server`);
    }
    if (!ack.ok) throw new MediaRequestError(ack.error.code, `${name}: ${ack.error.message}`);
    return ack.data;
  }

  onNotification<K extends MediaNotificationName>(
    event: K,
    listener: (payload: MediaNotifications[K]) => void,
  ): void {
    (this.socket.on as (e: K, l: (p: MediaNotifications[K]) => void) => void).call(
      this.socket,
      event,
      listener,
    );
  }

  /** The server offers a consumer; the answer tells it whether to resume. */
  onNewConsumer(handler: (offer: NewConsumer) => Promise<Ack<Empty>>): void {
    this.socket.on('newConsumer', (offer, ack) => {
      handler(offer).then(ack, (error: unknown) =>
        ack({ ok: false, error: { code: 'MEDIA_BAD_PARAMETERS', message: String(error) } }),
      );
    });
  }

  /** Called once when the socket drops without us closing it. */
  onLost(listener: (reason: string) => void): void {
    this.socket.once('disconnect', (reason) => {
      if (!this.closedByUs) listener(reason);
    });
  }

  /** Idempotent. */
  close(): void {
    if (this.closedByUs) return;
    this.closedByUs = true;
    this.socket.removeAllListeners();
    this.socket.close();
  }
}
