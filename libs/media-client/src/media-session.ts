import type { types as mc } from 'mediasoup-client';
import type {
  IceServer,
  MediaNotificationName,
  MediaNotifications,
  PeerInfo,
  ProducerSource,
} from '@app/contracts';
import { TypedEmitter } from './typed-emitter';
import { BackoffOptions, backoffDelay, DEFAULT_BACKOFF, mayRetry } from './backoff';
import { CAMERA_ENCODINGS, LayerPolicy, LinkHints, preferredLayers, SCREEN_ENCODINGS } from './layer-policy';
import { ConnectionOptions, ConnectionSink, MediaConnection, PublishOptions } from './media-connection';
import {
  errorCode,
  MediaRequestError,
  MediaSessionEvents,
  ReconnectCause,
  RemoteTrack,
  SessionClosedReason,
} from './session-events';

/** A fresh room token, e.g. the api's `POST /api/live-sessions/:id/room-token` answer. */
export interface FreshToken {
  token: string;
  mediaUrl?: string;
  mediaPath?: string;
  iceServers?: IceServer[];
}

export interface MediaSessionOptions {
  /** socket.io origin of the media server; '' = this page's origin (RoomTokenResponse.mediaUrl) */
  url: string;
  /** socket.io path (RoomTokenResponse.mediaPath, `/media-io` through the api) */
  path: string;
  token: string;
  iceServers?: IceServer[];
  /** mediasoup-client handler; unset in browsers (detected), 'Chrome111' for Node with wrtc */
  handlerName?: mc.BuiltinHandlerName;
  /** called before every rebuild; without it the first token is reused until it expires */
  getToken?: () => Promise<FreshToken>;
  /** the session-wide simulcast layer policy (default 'auto') */
  layerPolicy?: LayerPolicy;
  backoff?: Partial<BackoffOptions>;
  requestTimeoutMs?: number;
  /** a transport 'disconnected' this long gets an ICE restart */
  iceGraceMs?: number;
}

export type SessionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** The tracks to publish; `null` stops publishing that source. */
export type PublishRequest = Partial<Record<ProducerSource, MediaStreamTrack | null>>;

interface Attempt {
  brokenBy?: ReconnectCause;
}

/**
 * A participant's media in one live room, in a browser or in Node (WebRTC globals from wrtc):
 * signaling over socket.io, media through mediasoup-client. It consumes whatever the room offers,
 * publishes for a host (or an invited cohost), and survives failures on its own: a transport that
 * fails gets an ICE restart; a lost socket, a closed transport or a room the server rebuilt after
 * a media worker died make it rebuild everything with a fresh token, with backoff, a bounded number
 * of times, republishing the same tracks. Events are typed (`MediaSessionEvents`).
 */
export class MediaSession extends TypedEmitter<MediaSessionEvents> {
  private conn: MediaConnection | undefined;
  private attempt: Attempt = {};
  private sessionState: SessionState = 'connecting';
  private me!: PeerInfo;
  private readonly others = new Map<string, PeerInfo>();
  private hostHere = false;
  private readonly intents = new Map<ProducerSource, { track: MediaStreamTrack; options: PublishOptions }>();
  private policy: LayerPolicy;
  private hints: LinkHints = {};
  private readonly consumerPolicies = new Map<string, LayerPolicy>();
  private readonly appliedLayers = new Map<string, number>();
  private readonly sleepers = new Set<() => void>();
  private target: ConnectionOptions;
  private readonly backoff: BackoffOptions;

  private constructor(private readonly options: MediaSessionOptions) {
    super();
    this.policy = options.layerPolicy ?? 'auto';
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.target = {
      url: options.url,
      path: options.path,
      token: options.token,
      iceServers: options.iceServers,
      handlerName: options.handlerName,
      requestTimeoutMs: options.requestTimeoutMs,
      iceGraceMs: options.iceGraceMs,
    };
  }

  /** Connects and joins; rejects (MediaRequestError with the server's code) if the first try fails. */
  static async connect(options: MediaSessionOptions): Promise<MediaSession> {
    const session = new MediaSession(options);
    await session.open();
    session.sessionState = 'connected';
    return session;
  }

  get state(): SessionState {
    return this.sessionState;
  }

  /** read through a getter: the state changes across awaits, which narrowing cannot see */
  private get closed(): boolean {
    return this.sessionState === 'closed';
  }

  get you(): PeerInfo {
    return this.me;
  }

  get peers(): PeerInfo[] {
    return [...this.others.values()];
  }

  get hostPresent(): boolean {
    return this.hostHere;
  }

  get tracks(): RemoteTrack[] {
    return this.conn?.tracks ?? [];
  }

  /** Publishes (or with `null` stops) camera, mic and screen. Remembered and republished after a rebuild. */
  async publish(request: PublishRequest): Promise<void> {
    if (this.sessionState === 'closed') throw new MediaRequestError('ROOM_CLOSED', 'The session is closed');
    if (!this.me.canPublish) throw new MediaRequestError('MEDIA_NOT_ALLOWED', 'This peer may not publish');
    for (const source of Object.keys(request) as ProducerSource[]) {
      const track = request[source];
      if (!track) {
        this.intents.delete(source);
        await this.conn?.unpublish(source);
        continue;
      }
      const options = publishOptions(source);
      this.intents.set(source, { track, options });
      if (this.sessionState === 'connected') await this.conn?.publish(source, track, options);
    }
  }

  /** The session-wide policy: 'low' for a phone on a weak link, 'high' for a big screen. */
  setLayerPolicy(policy: LayerPolicy): void {
    this.policy = policy;
    for (const t of this.tracks) this.applyLayers(t);
  }

  /** One consumer's policy, overriding the session's. */
  setPreferredLayer(consumerId: string, policy: LayerPolicy): void {
    this.consumerPolicies.set(consumerId, policy);
    const track = this.tracks.find((t) => t.consumerId === consumerId);
    if (track) this.applyLayers(track);
  }

  /** What the app knows of the link (Network Information API, measured loss, tile size); 'auto' follows it. */
  setLinkHints(hints: LinkHints): void {
    this.hints = { ...hints };
    for (const t of this.tracks) this.applyLayers(t);
  }

  async inviteCohost(peerId: string): Promise<void> {
    await this.connection().request('inviteCohost', { peerId });
  }

  async removeCohost(peerId: string): Promise<void> {
    await this.connection().request('removeCohost', { peerId });
  }

  /**
   * A stage-eligible viewer raises (or lowers) a hand for the host to see. Resolves the state the
   * server holds now; refused with STAGE_NOT_ELIGIBLE (anonymous viewer) or RATE_LIMITED.
   */
  async setHand(raised: boolean): Promise<boolean> {
    const answer = await this.connection().request('setHand', { raised });
    this.me = { ...this.me, handRaised: answer.raised };
    this.emit('role-changed', { you: this.me });
    return answer.raised;
  }

  /** Host only: ends the room for everyone. */
  async endRoom(): Promise<void> {
    await this.connection().request('endRoom', {});
    this.finish('ended');
  }

  /** Leaves the room. Idempotent; the app's own tracks are not stopped. */
  close(): void {
    this.finish('left');
  }

  // ---- connection life ------------------------------------------------------------------------

  private async open(): Promise<void> {
    const attempt: Attempt = {};
    this.attempt = attempt;
    const conn = await MediaConnection.open(this.target, this.sinkFor(attempt));
    if (this.sessionState === 'closed' || attempt.brokenBy) {
      conn.close();
      throw new MediaRequestError('MEDIA_UNAVAILABLE', `connection lost while joining (${attempt.brokenBy})`);
    }
    this.conn = conn;
    const { you, peers, hostPresent } = conn.join;
    const roleChanged =
      this.me !== undefined && (this.me.canPublish !== you.canPublish || this.me.role !== you.role);
    this.me = you;
    this.others.clear();
    for (const p of peers) this.others.set(p.id, p);
    this.hostHere = hostPresent;
    this.emitPeers();
    if (roleChanged) this.emit('role-changed', { you });
    if (!you.canPublish) this.intents.clear();
    for (const [source, { track, options }] of this.intents) await conn.publish(source, track, options);
  }

  private recover(cause: ReconnectCause, detail?: string): void {
    if (this.sessionState !== 'connected') return;
    this.sessionState = 'reconnecting';
    const old = this.conn;
    this.conn = undefined;
    old?.close();
    this.consumerPolicies.clear();
    this.appliedLayers.clear();
    void this.reconnectLoop(cause, Date.now(), detail);
  }

  private async reconnectLoop(cause: ReconnectCause, startedAt: number, detail?: string): Promise<void> {
    let lastError = detail;
    for (let attempt = 0; mayRetry(attempt, this.backoff); attempt++) {
      this.emit('reconnecting', { attempt: attempt + 1, cause, error: lastError });
      await this.sleep(backoffDelay(attempt, this.backoff));
      if (this.closed) return;
      try {
        if (this.options.getToken) {
          const fresh = await this.options.getToken();
          this.target = {
            ...this.target,
            token: fresh.token,
            url: fresh.mediaUrl ?? this.target.url,
            path: fresh.mediaPath ?? this.target.path,
            iceServers: fresh.iceServers ?? this.target.iceServers,
          };
        }
        await this.open();
        if (this.closed) return;
        this.sessionState = 'connected';
        this.emit('reconnected', { attempts: attempt + 1, downtimeMs: Date.now() - startedAt });
        return;
      } catch (error) {
        this.conn?.close();
        this.conn = undefined;
        const code = errorCode(error);
        if (code === 'ROOM_CLOSED') return this.finish('ended');
        if (code === 'ROOM_TOKEN_INVALID' && !this.options.getToken) return this.finish('unauthorized');
        lastError = code ?? (error instanceof Error ? error.message : String(error));
      }
    }
    this.finish('reconnectFailed');
  }

  private finish(reason: SessionClosedReason): void {
    if (this.sessionState === 'closed') return;
    this.sessionState = 'closed';
    for (const wake of [...this.sleepers]) wake();
    this.conn?.close();
    this.conn = undefined;
    this.emit('closed', { reason });
    this.removeAllListeners();
  }

  private sinkFor(attempt: Attempt): ConnectionSink {
    const current = (): boolean => this.attempt === attempt && this.sessionState !== 'closed';
    return {
      trackAdded: (track) => {
        if (!current()) return;
        this.emit('track-added', track);
        this.applyLayers(track);
      },
      trackRemoved: (track) => {
        // also while closing: the app releases what it attached to the track (a video sink, an element)
        this.consumerPolicies.delete(track.consumerId);
        this.appliedLayers.delete(track.consumerId);
        this.emit('track-removed', track);
      },
      trackUpdated: (track) => {
        if (current()) this.emit('track-updated', track);
      },
      notification: (event, payload) => {
        if (current()) this.onNotification(event, payload);
      },
      broken: (cause, detail) => {
        if (!current()) return;
        if (this.conn === undefined) attempt.brokenBy = cause;
        else this.recover(cause, detail);
      },
    };
  }

  private onNotification<K extends MediaNotificationName>(event: K, payload: MediaNotifications[K]): void {
    const n = { event, payload } as NotificationOf<MediaNotificationName>;
    switch (n.event) {
      case 'peerJoined':
      case 'peerUpdated':
        if (n.payload.id === this.me?.id) {
          this.me = n.payload;
          this.emit('role-changed', { you: n.payload });
        } else {
          this.others.set(n.payload.id, n.payload);
          if (n.payload.role === 'host') this.hostHere = true;
          this.emitPeers();
        }
        break;
      case 'peerLeft':
        this.others.delete(n.payload.peerId);
        this.emitPeers();
        break;
      case 'producerClosed': {
        const source = this.conn?.producerClosedByServer(n.payload.producerId);
        if (!source) break;
        if (n.payload.reason === 'publishRevoked') this.intents.delete(source);
        this.emit('producer-closed', { source, reason: n.payload.reason });
        break;
      }
      case 'transportClosed':
        this.recover('transportFailed', `server closed transport ${n.payload.transportId}`);
        break;
      case 'publishPermission':
        // an invited viewer is a cohost while on stage; an invitation answers a raised hand
        this.me = {
          ...this.me,
          role: this.me.role === 'host' ? 'host' : n.payload.allowed ? 'cohost' : 'viewer',
          canPublish: n.payload.allowed,
          handRaised: n.payload.allowed ? false : this.me.handRaised,
        };
        if (n.payload.allowed) this.conn?.prepareToPublish().catch(() => undefined);
        else {
          this.intents.clear();
          this.conn?.stopPublishing();
        }
        this.emit('role-changed', { you: this.me });
        break;
      case 'hostAway':
        this.hostHere = false;
        this.emit('host-away', { graceMs: n.payload.graceMs });
        break;
      case 'hostBack':
        this.hostHere = true;
        this.emit('host-back', {});
        break;
      case 'roomClosed':
        if (n.payload.reason === 'mediaFailure') this.recover('mediaFailure');
        else if (n.payload.reason === 'shutdown') this.recover('serverShutdown');
        else this.finish(n.payload.reason);
        break;
      case 'removed':
        if (n.payload.reason === 'replaced') this.finish('replaced');
        else this.recover(n.payload.reason);
        break;
      case 'consumerClosed':
      case 'consumerPaused':
      case 'consumerResumed':
      case 'consumerLayersChanged':
        break; // handled by the connection
    }
  }

  private applyLayers(track: RemoteTrack): void {
    if (track.kind !== 'video' || !track.layered || !this.conn) return;
    const policy = this.consumerPolicies.get(track.consumerId) ?? this.policy;
    const { spatialLayer, temporalLayer } = preferredLayers(policy, this.hints);
    if (this.appliedLayers.get(track.consumerId) === spatialLayer) return;
    this.appliedLayers.set(track.consumerId, spatialLayer);
    this.conn.setPreferredLayers(track.consumerId, spatialLayer, temporalLayer).catch(() => {
      this.appliedLayers.delete(track.consumerId);
    });
  }

  private emitPeers(): void {
    this.emit('peers-changed', { peers: this.peers, hostPresent: this.hostHere });
  }

  private connection(): MediaConnection {
    if (!this.conn || this.sessionState !== 'connected')
      throw new MediaRequestError('MEDIA_UNAVAILABLE', `The session is ${this.sessionState}`);
    return this.conn;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

type NotificationOf<K extends MediaNotificationName> = K extends MediaNotificationName
  ? { event: K; payload: MediaNotifications[K] }
  : never;

function publishOptions(source: ProducerSource): PublishOptions {
  switch (source) {
    case 'camera':
      return { encodings: CAMERA_ENCODINGS.map((e) => ({ ...e })) };
    case 'screen':
      return { encodings: SCREEN_ENCODINGS.map((e) => ({ ...e })) };
    case 'mic':
      return { codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } };
  }
}
