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
  role: MediaRole;
  /** host of a session the api records (room token claim `record`) */
  record?: boolean;
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
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closeListeners: Array<(peer: Peer) => void> = [];
  private isClosed = false;

  constructor(
    readonly identity: PeerIdentity,
    readonly router: RoomRouter,
    readonly channel: PeerChannel,
    public canPublish: boolean,
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  get role(): MediaRole {
    return this.identity.role;
  }

  info(): PeerInfo {
    return {
      id: this.id,
      userId: this.identity.userId,
      name: this.identity.name,
      role: this.role,
      canPublish: this.canPublish,
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
    if (direction === 'send' && this.role === 'viewer') {
      throw new DomainError('MEDIA_NOT_ALLOWED', 'Viewers do not publish');
    }
    if (this.transports.size >= MAX_TRANSPORTS) {
      throw new DomainError('MEDIA_LIMIT_REACHED', `At most ${MAX_TRANSPORTS} transports per peer`);
    }
    const transport = await this.router.router.createWebRtcTransport<TransportAppData>({
      webRtcServer: this.router.worker.webRtcServer,
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
      if (state === 'failed' || state === 'closed') {
        transport.close();
        if (!this.isClosed) this.channel.notify('transportClosed', { transportId: transport.id });
      }
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
