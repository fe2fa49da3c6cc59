import { Device, types as mc } from 'mediasoup-client';
import type {
  Ack,
  Empty,
  IceServer,
  MediaNotificationName,
  MediaNotifications,
  MediaRequest,
  MediaRequestName,
  MediaResponse,
  NewConsumer,
  ProducerSource,
  RtpParameters,
  TransportInfo,
} from '@app/contracts';
import { errorCode, ReconnectCause, RemoteTrack } from './session-events';
import { SignalingClient, SignalingTarget } from './signaling-client';

/** What a connection tells the session that owns it. */
export interface ConnectionSink {
  trackAdded(track: RemoteTrack): void;
  trackRemoved(track: RemoteTrack): void;
  trackUpdated(track: RemoteTrack): void;
  notification<K extends MediaNotificationName>(event: K, payload: MediaNotifications[K]): void;
  /** the connection cannot be repaired in place (ICE restart failed, socket gone) */
  broken(cause: ReconnectCause, detail: string): void;
}

export interface ConnectionOptions extends SignalingTarget {
  iceServers?: IceServer[];
  handlerName?: mc.BuiltinHandlerName;
  /** a transport 'disconnected' this long gets an ICE restart (a 'failed' one gets it at once) */
  iceGraceMs?: number;
  /** ICE restarts per transport before the connection counts as broken */
  maxIceRestarts?: number;
}

export interface PublishOptions {
  encodings?: mc.RtpEncodingParameters[];
  codecOptions?: mc.ProducerCodecOptions;
}

interface Received {
  consumer: mc.Consumer;
  remote: RemoteTrack;
}

/**
 * One attempt at being in the room: a socket, a loaded device, a receive transport (and a send
 * transport while this peer may publish), and the producers and consumers on them. When any of it
 * breaks beyond an ICE restart, the session throws the whole connection away and opens a new one.
 * close() is idempotent and cascades (socket, transports, and so producers and consumers).
 */
export class MediaConnection {
  private readonly received = new Map<string, Received>();
  private readonly producers = new Map<ProducerSource, mc.Producer>();
  private recvTransport: mc.Transport | undefined;
  private sendTransport: mc.Transport | undefined;
  private sendTransportPending: Promise<mc.Transport> | undefined;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private isClosed = false;
  join!: MediaResponse<'join'>;

  private constructor(
    private readonly signaling: SignalingClient,
    private readonly device: Device,
    private readonly options: ConnectionOptions,
    private readonly sink: ConnectionSink,
  ) {}

  /** Connects, loads the device, opens the receive transport and joins. Cleans up on failure. */
  static async open(options: ConnectionOptions, sink: ConnectionSink): Promise<MediaConnection> {
    const signaling = await SignalingClient.open(options);
    const device = new Device(options.handlerName ? { handlerName: options.handlerName } : undefined);
    const conn = new MediaConnection(signaling, device, options, sink);
    try {
      await conn.enter();
      return conn;
    } catch (error) {
      conn.close();
      throw error;
    }
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get tracks(): RemoteTrack[] {
    return [...this.received.values()].map((r) => r.remote);
  }

  get publishedSources(): ProducerSource[] {
    return [...this.producers.keys()];
  }

  async publish(
    source: ProducerSource,
    track: MediaStreamTrack,
    options: PublishOptions = {},
  ): Promise<void> {
    const transport = await this.ensureSendTransport();
    this.producers.get(source)?.close();
    this.producers.delete(source);
    const producer = await transport.produce({
      track: track as unknown as mc.ProducerOptions['track'],
      encodings: options.encodings,
      codecOptions: options.codecOptions,
      // the app owns its camera: a producer closed by a reconnect must not stop the track
      stopTracks: false,
      appData: { source },
    });
    if (this.isClosed) {
      producer.close();
      return;
    }
    this.producers.set(source, producer);
    producer.observer.once('close', () => {
      if (this.producers.get(source) === producer) this.producers.delete(source);
    });
  }

  async unpublish(source: ProducerSource): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    this.producers.delete(source);
    producer.close();
    await this.signaling.request('closeProducer', { producerId: producer.id }).catch(() => undefined);
  }

  /** The server closed one of our producers (publish revoked, transport closed). */
  producerClosedByServer(producerId: string): ProducerSource | undefined {
    for (const [source, producer] of this.producers) {
      if (producer.id !== producerId) continue;
      this.producers.delete(source);
      producer.close();
      return source;
    }
    return undefined;
  }

  async setPreferredLayers(consumerId: string, spatialLayer: number, temporalLayer?: number): Promise<void> {
    await this.signaling.request('setConsumerPreferredLayers', { consumerId, spatialLayer, temporalLayer });
  }

  request<K extends MediaRequestName>(name: K, req: MediaRequest<K>): Promise<MediaResponse<K>> {
    return this.signaling.request(name, req);
  }

  /** Getting ready to publish once the host invites this cohost. */
  async prepareToPublish(): Promise<void> {
    await this.ensureSendTransport();
  }

  /** Closes what can no longer publish (a cohost removed). */
  stopPublishing(): void {
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    this.sendTransport?.close();
    this.sendTransport = undefined;
    this.sendTransportPending = undefined;
  }

  /** Idempotent. Tracks received so far are reported removed. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.signaling.close();
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    this.recvTransport?.close();
    this.sendTransport?.close();
    for (const { consumer, remote } of [...this.received.values()]) {
      consumer.close();
      this.sink.trackRemoved(remote);
    }
    this.received.clear();
  }

  private async enter(): Promise<void> {
    const s = this.signaling;
    s.onLost((reason) => this.sink.broken('signalingLost', reason));
    s.onNewConsumer((offer) => this.consume(offer));
    s.onNotification('consumerClosed', ({ consumerId }) => this.dropConsumer(consumerId));
    s.onNotification('consumerPaused', ({ consumerId }) => this.updateConsumer(consumerId, { paused: true }));
    s.onNotification('consumerResumed', ({ consumerId }) =>
      this.updateConsumer(consumerId, { paused: false }),
    );
    s.onNotification('consumerLayersChanged', ({ consumerId, spatialLayer, temporalLayer }) =>
      this.updateConsumer(consumerId, { spatialLayer, temporalLayer }),
    );
    const forward = <K extends MediaNotificationName>(event: K): void =>
      s.onNotification(event, (payload) => this.sink.notification(event, payload));
    forward('peerJoined');
    forward('peerLeft');
    forward('peerUpdated');
    forward('producerClosed');
    forward('transportClosed');
    forward('publishPermission');
    forward('hostAway');
    forward('hostBack');
    forward('roomClosed');
    forward('removed');

    const { rtpCapabilities } = await s.request('getRouterRtpCapabilities', {});
    await this.device.load({ routerRtpCapabilities: rtpCapabilities as mc.RtpCapabilities });
    this.recvTransport = await this.createTransport('recv');
    this.join = await s.request('join', {
      rtpCapabilities: this.device
        .recvRtpCapabilities as MediaResponse<'getRouterRtpCapabilities'>['rtpCapabilities'],
    });
    if (this.join.you.canPublish) await this.ensureSendTransport();
  }

  private ensureSendTransport(): Promise<mc.Transport> {
    if (this.sendTransport && !this.sendTransport.closed) return Promise.resolve(this.sendTransport);
    this.sendTransportPending ??= this.createTransport('send').then(
      (t) => {
        this.sendTransport = t;
        this.sendTransportPending = undefined;
        return t;
      },
      (error: unknown) => {
        this.sendTransportPending = undefined;
        throw error;
      },
    );
    return this.sendTransportPending;
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<mc.Transport> {
    const info: TransportInfo = await this.signaling.request('createWebRtcTransport', { direction });
    const params: mc.TransportOptions = {
      id: info.id,
      iceParameters: info.iceParameters as mc.IceParameters,
      iceCandidates: info.iceCandidates as mc.IceCandidate[],
      dtlsParameters: info.dtlsParameters as mc.DtlsParameters,
      iceServers: this.options.iceServers,
    };
    const transport =
      direction === 'send'
        ? this.device.createSendTransport(params)
        : this.device.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.signaling
        .request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters })
        .then(() => callback(), errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        const source = appData.source as ProducerSource;
        this.signaling
          .request('produce', {
            transportId: transport.id,
            kind,
            source,
            rtpParameters: rtpParameters as unknown as RtpParameters,
          })
          .then(({ id }) => callback({ id }), errback);
      });
    }
    this.watchIce(transport);
    if (this.isClosed) transport.close();
    return transport;
  }

  /** ICE first: a transport that fails (or stays disconnected) gets an ICE restart, a few times. */
  private watchIce(transport: mc.Transport): void {
    let restarts = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const clear = (): void => {
      if (pending) {
        clearTimeout(pending);
        this.timers.delete(pending);
      }
      pending = undefined;
    };
    const restart = (): void => {
      clear();
      if (this.isClosed || transport.closed) return;
      if (restarts >= (this.options.maxIceRestarts ?? 2)) {
        this.sink.broken('transportFailed', `${transport.direction} transport: ICE restarts exhausted`);
        return;
      }
      restarts++;
      this.signaling.request('restartIce', { transportId: transport.id }).then(
        ({ iceParameters }) => transport.restartIce({ iceParameters: iceParameters as mc.IceParameters }),
        (error: unknown) =>
          this.sink.broken('transportFailed', `restartIce refused: ${errorCode(error) ?? error}`),
      );
    };
    transport.on('connectionstatechange', (state) => {
      switch (state) {
        case 'connected':
          clear();
          restarts = 0;
          break;
        case 'failed':
          restart();
          break;
        case 'disconnected':
          if (!pending) {
            pending = setTimeout(restart, this.options.iceGraceMs ?? 2000);
            this.timers.add(pending);
          }
          break;
        case 'new':
        case 'connecting':
        case 'closed':
          break;
      }
    });
  }

  private async consume(offer: NewConsumer): Promise<Ack<Empty>> {
    const transport = this.recvTransport;
    if (!transport || transport.closed || this.isClosed)
      return { ok: false, error: { code: 'CONFLICT', message: 'no receive transport' } };
    const consumer = await transport.consume({
      id: offer.id,
      producerId: offer.producerId,
      kind: offer.kind,
      rtpParameters: offer.rtpParameters as unknown as mc.RtpParameters,
    });
    if (this.isClosed) {
      consumer.close();
      return { ok: false, error: { code: 'CONFLICT', message: 'connection closed' } };
    }
    const remote: RemoteTrack = {
      consumerId: consumer.id,
      producerId: offer.producerId,
      peerId: offer.peerId,
      kind: offer.kind,
      source: offer.source,
      track: consumer.track as unknown as MediaStreamTrack,
      layered: offer.type === 'simulcast' || offer.type === 'svc',
      paused: offer.producerPaused,
      spatialLayer: null,
      temporalLayer: null,
    };
    this.received.set(consumer.id, { consumer, remote });
    consumer.on('transportclose', () => this.dropConsumer(consumer.id));
    this.sink.trackAdded(remote);
    return { ok: true, data: {} };
  }

  private dropConsumer(consumerId: string): void {
    const r = this.received.get(consumerId);
    if (!r) return;
    this.received.delete(consumerId);
    r.consumer.close();
    this.sink.trackRemoved(r.remote);
  }

  private updateConsumer(consumerId: string, change: Partial<RemoteTrack>): void {
    const r = this.received.get(consumerId);
    if (!r) return;
    Object.assign(r.remote, change);
    this.sink.trackUpdated(r.remote);
  }
}
