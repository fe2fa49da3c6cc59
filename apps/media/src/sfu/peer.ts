import { randomUUID } from 'node:crypto';
import type { types as ms } from 'mediasoup';
import {
  DomainError,
  IceParameters,
  MediaNotificationName,
  MediaNotifications,
  MediaRole,
  MediaServerRequests,
  PeerInfo,
  ProducerSource,
  RoomTokenRole,
  TransportInfo,
} from '@app/contracts';
import type { RoomRouter } from './room-routers';

/** How a peer is reached. The gateway implements it over a socket; domain code never sees one. */
export interface PeerChannel {
  notify<K extends MediaNotificationName>(event: K, payload: MediaNotifications[K]): void;
  request<K extends keyof MediaServerRequests>(
    event: K,
    payload: MediaServerRequests[K]['request'],
    timeoutMs: number,
  ): Promise<MediaServerRequests[K]['response']>;
  disconnect(): void;
}

export interface PeerIdentity {
  userId: string;
  name: string;
  /** the room token's role; a viewer on stage is a `cohost` (see Peer.role) */
  role: RoomTokenRole;
  /** host of a session the api records (room token claim `record`) */
  record?: boolean;
  /** a viewer the host may invite on stage (room token claim `stage`) */
  stage?: boolean;
}

export type TransportAppData = { direction: 'send' | 'recv'; connected: boolean };
export type MediaAppData = { source: ProducerSource; peerId: string };

/** A peer may hold a few transports (a send, a recv, and one spare while it replaces a broken one). */
const MAX_TRANSPORTS = 4;

/**
 * One connected participant: owns its transports, and through them its producers and consumers.
 * close() is idempotent and cascades: closing the transports closes everything below them.
 */
export class Peer {
  readonly id = randomUUID();
  joined = false;
  rtpCapabilities: ms.RtpCapabilities | undefined;
  readonly transports = new Map<string, ms.WebRtcTransport<TransportAppData>>();
  readonly producers = new Map<string, ms.Producer<MediaAppData>>();
  readonly consumers = new Map<string, ms.Consumer<MediaAppData>>();
  /** producers this peer has been offered (or is being offered) a consumer for */
  readonly offeredProducers = new Set<string>();
  /** a viewer asking to come on stage */
  handRaised = false;
  /** when this peer last changed its hand (rate limit) */
  readonly handChanges: number[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closeListeners: Array<(peer: Peer) => void> = [];
  private isClosed = false;

  /**
   * `router` carries what this peer receives (a viewer may be on an overflow router);
   * `publishRouter` (the room's primary) what it sends, so an invited viewer's producers sit with
   * the host's and are piped to every overflow router like them.
   */
  constructor(
    readonly identity: PeerIdentity,
    readonly router: RoomRouter,
    readonly channel: PeerChannel,
    public canPublish: boolean,
    private readonly publishRouter: RoomRouter = router,
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  /** A viewer the host invited publishes as a cohost until removed. */
  get role(): MediaRole {
    return this.identity.role === 'viewer' && this.canPublish ? 'cohost' : this.identity.role;
  }

  get stageEligible(): boolean {
    return this.identity.role === 'viewer' && this.identity.stage === true;
  }

  info(): PeerInfo {
    return {
      id: this.id,
      userId: this.identity.userId,
      name: this.identity.name,
      role: this.role,
      canPublish: this.canPublish,
      stageEligible: this.stageEligible,
      handRaised: this.handRaised,
    };
  }

  onClose(listener: (peer: Peer) => void): void {
    this.closeListeners.push(listener);
  }

  /** Runs fn after ms unless the peer closes first. */
  after(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.isClosed) fn();
    }, ms);
    this.timers.add(t);
  }

  async createTransport(direction: 'send' | 'recv'): Promise<TransportInfo> {
    if (direction === 'send' && !this.canPublish) {
      throw new DomainError(
        'MEDIA_NOT_ALLOWED',
        this.role === 'observer'
          ? 'Observers only watch'
          : 'Viewers publish only once the host invites them on stage',
      );
    }
    if (this.transports.size >= MAX_TRANSPORTS) {
      throw new DomainError('MEDIA_LIMIT_REACHED', `At most ${MAX_TRANSPORTS} transports per peer`);
    }
    const router = direction === 'send' ? this.publishRouter : this.router;
    const transport = await router.router.createWebRtcTransport<TransportAppData>({
      webRtcServer: router.worker.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      appData: { direction, connected: false },
    });
    if (this.isClosed) {
      transport.close();
      throw new DomainError('ROOM_CLOSED', 'This peer has left the room');
    }
    this.transports.set(transport.id, transport);
    transport.observer.once('close', () => this.transports.delete(transport.id));
    transport.on('dtlsstatechange', (state) => {
      if (state !== 'failed' && state !== 'closed') return;
      // one the server closed on purpose (publishing revoked) is not news to the client
      const tracked = this.transports.has(transport.id);
      transport.close();
      if (tracked && !this.isClosed) this.channel.notify('transportClosed', { transportId: transport.id });
    });
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates as TransportInfo['iceCandidates'],
      dtlsParameters: transport.dtlsParameters as TransportInfo['dtlsParameters'],
    };
  }

  async connectTransport(transportId: string, dtlsParameters: ms.DtlsParameters): Promise<void> {
    const transport = this.transport(transportId);
    if (transport.appData.connected) throw new DomainError('CONFLICT', 'Transport already connected');
    transport.appData.connected = true;
    try {
      await transport.connect({ dtlsParameters });
    } catch (error) {
      transport.appData.connected = false;
      throw error;
    }
  }

  async restartIce(transportId: string): Promise<{ iceParameters: IceParameters }> {
    const iceParameters = await this.transport(transportId).restartIce();
    return { iceParameters };
  }

  transport(id: string): ms.WebRtcTransport<TransportAppData> {
    const t = this.transports.get(id);
    if (!t) throw new DomainError('NOT_FOUND', `No transport ${id}`);
    return t;
  }

  /** The transport consumers go on: the newest receiving one. */
  recvTransport(): ms.WebRtcTransport<TransportAppData> | undefined {
    return [...this.transports.values()].reverse().find((t) => t.appData.direction === 'recv');
  }

  producer(id: string): ms.Producer<MediaAppData> {
    const p = this.producers.get(id);
    if (!p) throw new DomainError('NOT_FOUND', `No producer ${id}`);
    return p;
  }

  consumer(id: string): ms.Consumer<MediaAppData> {
    const c = this.consumers.get(id);
    if (!c) throw new DomainError('NOT_FOUND', `No consumer ${id}`);
    return c;
  }

  addProducer(producer: ms.Producer<MediaAppData>): void {
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => this.producers.delete(producer.id));
    producer.on('transportclose', () => {
      if (!this.isClosed)
        this.channel.notify('producerClosed', { producerId: producer.id, reason: 'transportClosed' });
    });
  }

  addConsumer(consumer: ms.Consumer<MediaAppData>): void {
    const consumerId = consumer.id;
    this.consumers.set(consumerId, consumer);
    consumer.observer.once('close', () => this.consumers.delete(consumerId));
    const notify = <K extends MediaNotificationName>(event: K, payload: MediaNotifications[K]): void => {
      if (!this.isClosed) this.channel.notify(event, payload);
    };
    consumer.on('producerclose', () => notify('consumerClosed', { consumerId }));
    consumer.on('transportclose', () => notify('consumerClosed', { consumerId }));
    consumer.on('producerpause', () => notify('consumerPaused', { consumerId }));
    consumer.on('producerresume', () => notify('consumerResumed', { consumerId }));
    consumer.on('layerschange', (layers) =>
      notify('consumerLayersChanged', {
        consumerId,
        spatialLayer: layers?.spatialLayer ?? null,
        temporalLayer: layers?.temporalLayer ?? null,
      }),
    );
  }

  /** Closes this peer's producers (a cohost losing permission), telling the peer why. */
  closeProducers(reason: 'publishRevoked'): void {
    for (const producer of [...this.producers.values()]) {
      producer.close();
      if (!this.isClosed) this.channel.notify('producerClosed', { producerId: producer.id, reason });
    }
  }

  /** Closes this peer's send transports (it may no longer publish); the client closes its own. */
  closeSendTransports(): void {
    for (const transport of [...this.transports.values()]) {
      if (transport.appData.direction === 'send') transport.close();
    }
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    // transports own producers and consumers: closing them closes everything below
    for (const transport of [...this.transports.values()]) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    for (const listener of this.closeListeners.splice(0)) listener(this);
  }
}
