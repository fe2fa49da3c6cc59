import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { types as ms } from 'mediasoup';
import { MEDIA_CONFIG, MediaAppConfig } from '@app/config';
import { Empty, MediaHealth, MediaRequest, MediaResponse, RoomTokenClaims } from '@app/contracts';
import { MEDIA_LIMITS, MediaLimits } from './media-limits';
import { Peer, PeerChannel } from './peer';
import { Room } from './room';
import { Rooms } from './rooms';
import { WorkerPool } from './worker-pool';

/**
 * The one Nest provider of the SFU. It holds plain classes (mediasoup-demo shape):
 * WorkerPool → Rooms → Room → Peer → transports → producers/consumers, each closing what it owns.
 * Every signaling request lands here as one short method.
 */
@Injectable()
export class SfuService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('SfuService');
  readonly pool: WorkerPool;
  readonly rooms: Rooms;

  constructor(@Inject(MEDIA_CONFIG) config: MediaAppConfig, @Inject(MEDIA_LIMITS) limits: MediaLimits) {
    const m = config.media;
    this.pool = new WorkerPool({
      numWorkers: m.numWorkers,
      workerBin: m.workerBin,
      listenIp: m.listenIp,
      announcedIp: m.announcedIp,
      rtcPortBase: m.rtcPortBase,
      logLevel: m.logLevel,
    });
    this.rooms = new Rooms(this.pool, limits);
    this.pool.on('workerDied', ({ index, pid }) =>
      this.logger.warn(
        `worker ${index} (pid ${pid}) died; its rooms close (mediaFailure) and come back on a live worker as their peers reconnect`,
      ),
    );
  }

  async onModuleInit(): Promise<void> {
    await this.pool.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.rooms.closeAll();
    await this.pool.close();
  }

  health(): MediaHealth {
    return this.pool.health();
  }

  /** A socket passed authentication: it becomes a peer of its room. */
  connect(claims: RoomTokenClaims, channel: PeerChannel): Promise<Peer> {
    return this.rooms.admit(
      claims.room,
      {
        userId: claims.sub,
        name: claims.name,
        role: claims.role,
        record: claims.record === true,
        stage: claims.stage === true,
      },
      channel,
    );
  }

  disconnected(peer: Peer): void {
    peer.close();
  }

  getRouterRtpCapabilities(peer: Peer): MediaResponse<'getRouterRtpCapabilities'> {
    return {
      rtpCapabilities: peer.router
        .rtpCapabilities as MediaResponse<'getRouterRtpCapabilities'>['rtpCapabilities'],
    };
  }

  async createWebRtcTransport(
    peer: Peer,
    req: MediaRequest<'createWebRtcTransport'>,
  ): Promise<MediaResponse<'createWebRtcTransport'>> {
    const transport = await peer.createTransport(req.direction);
    // a joined peer replacing a broken receive transport gets its media offered again, once the
    // client has this answer
    if (req.direction === 'recv' && peer.joined) {
      const room = this.roomOf(peer);
      setImmediate(() => room.offerProducers(peer));
    }
    return transport;
  }

  async connectWebRtcTransport(peer: Peer, req: MediaRequest<'connectWebRtcTransport'>): Promise<Empty> {
    await peer.connectTransport(req.transportId, req.dtlsParameters as ms.DtlsParameters);
    return {};
  }

  restartIce(peer: Peer, req: MediaRequest<'restartIce'>): Promise<MediaResponse<'restartIce'>> {
    return peer.restartIce(req.transportId);
  }

  join(peer: Peer, req: MediaRequest<'join'>): MediaResponse<'join'> {
    return this.roomOf(peer).join(peer, req);
  }

  produce(peer: Peer, req: MediaRequest<'produce'>): Promise<MediaResponse<'produce'>> {
    return this.roomOf(peer).produce(peer, req);
  }

  closeProducer(peer: Peer, req: MediaRequest<'closeProducer'>): Empty {
    peer.producer(req.producerId).close();
    return {};
  }

  async pauseProducer(peer: Peer, req: MediaRequest<'pauseProducer'>): Promise<Empty> {
    await peer.producer(req.producerId).pause();
    return {};
  }

  async resumeProducer(peer: Peer, req: MediaRequest<'resumeProducer'>): Promise<Empty> {
    await peer.producer(req.producerId).resume();
    return {};
  }

  async pauseConsumer(peer: Peer, req: MediaRequest<'pauseConsumer'>): Promise<Empty> {
    await peer.consumer(req.consumerId).pause();
    return {};
  }

  async resumeConsumer(peer: Peer, req: MediaRequest<'resumeConsumer'>): Promise<Empty> {
    await peer.consumer(req.consumerId).resume();
    return {};
  }

  async setConsumerPreferredLayers(
    peer: Peer,
    req: MediaRequest<'setConsumerPreferredLayers'>,
  ): Promise<Empty> {
    await peer
      .consumer(req.consumerId)
      .setPreferredLayers({ spatialLayer: req.spatialLayer, temporalLayer: req.temporalLayer });
    return {};
  }

  async requestConsumerKeyFrame(peer: Peer, req: MediaRequest<'requestConsumerKeyFrame'>): Promise<Empty> {
    await peer.consumer(req.consumerId).requestKeyFrame();
    return {};
  }

  inviteCohost(peer: Peer, req: MediaRequest<'inviteCohost'>): Empty {
    this.roomOf(peer).inviteCohost(peer, req.peerId);
    return {};
  }

  removeCohost(peer: Peer, req: MediaRequest<'removeCohost'>): Empty {
    this.roomOf(peer).removeCohost(peer, req.peerId);
    return {};
  }

  setHand(peer: Peer, req: MediaRequest<'setHand'>): MediaResponse<'setHand'> {
    return this.roomOf(peer).setHand(peer, req.raised);
  }

  endRoom(peer: Peer): Empty {
    this.roomOf(peer).end(peer);
    return {};
  }

  private roomOf(peer: Peer): Room {
    return this.rooms.roomOf(peer);
  }
}
