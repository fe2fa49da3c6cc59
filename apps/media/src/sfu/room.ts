import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { types as ms } from 'mediasoup';
import { validateRtpCapabilities } from 'mediasoup/node/lib/ortc';
import {
  DomainError,
  MediaNotificationName,
  MediaNotifications,
  MediaRequest,
  MediaResponse,
  PeerInfo,
  RoomClosedReason,
} from '@app/contracts';
import { MediaLimits } from './media-limits';
import { MediaAppData, Peer, PeerChannel, PeerIdentity } from './peer';
import { RoomConsumers } from './room-consumers';
import { RoomRouter, RoomRouters } from './room-routers';
import { WorkerPool } from './worker-pool';

/** Why a room closed: a reason peers are told, or `empty` when nobody is left to tell. */
export type RoomCloseCause = RoomClosedReason | 'empty';

/** What reporting and recording watch (mediasoup's `observer` convention): emitted, never awaited. */
export type RoomObserverEvents = {
  /** a peer sent `join` */
  peerjoined: [Peer];
  /** a peer's producer is live in the room */
  newproducer: [Peer, ms.Producer<MediaAppData>];
  /** after every peer has closed */
  close: [RoomCloseCause];
};

/**
 * A live room: its routers and its peers. Enforces who may publish (the host always; a viewer the
 * api made stage-eligible once the host invites them, as a cohost, until removed; other viewers and
 * observers never), fans every producer out to every joined peer, and keeps the room alive for a
 * grace period after the host drops. Observers are never shown to anyone.
 */
export class Room {
  private readonly logger = new Logger('Room');
  readonly peers = new Map<string, Peer>();
  readonly observer = new EventEmitter<RoomObserverEvents>();
  /** userIds of viewers the host invited on stage; kept across their reconnects */
  private readonly invitedCohosts = new Set<string>();
  private readonly consumers: RoomConsumers;
  private hostGraceTimer: NodeJS.Timeout | undefined;
  private isClosed = false;

  private constructor(
    readonly id: string,
    private readonly limits: MediaLimits,
    private readonly onClosed: (room: Room, cause: RoomCloseCause) => void,
    private readonly routers: RoomRouters,
  ) {
    this.consumers = new RoomConsumers(limits, this.logger);
  }

  static async create(
    id: string,
    pool: WorkerPool,
    limits: MediaLimits,
    onClosed: (room: Room, cause: RoomCloseCause) => void,
  ): Promise<Room> {
    // the routers report a lost worker to the room, which exists only once they do
    const created: { room?: Room } = {};
    const routers = await RoomRouters.create(id, pool, limits.pipeThreshold, (lost) =>
      created.room?.onRouterLost(lost),
    );
    created.room = new Room(id, limits, onClosed, routers);
    return created.room;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get rtpCapabilities(): ms.RtpCapabilities {
    return this.routers.primary.rtpCapabilities;
  }

  /** Routers of the room (primary first), for health and tests. */
  get routerList(): RoomRouter[] {
    return this.routers.all();
  }

  async admit(identity: PeerIdentity, channel: PeerChannel): Promise<Peer> {
    this.assertOpen();
    // the host stays with its producers on the primary router; everyone else receives wherever
    // there is room, and an invited viewer still publishes on the primary (Peer.publishRouter)
    const router =
      identity.role === 'host'
        ? this.routers.primary
        : await this.routers.placeViewer(() => this.producerIds());
    this.assertOpen();
    const canPublish =
      identity.role === 'host' ||
      (identity.role === 'viewer' && identity.stage === true && this.invitedCohosts.has(identity.userId));
    const peer = new Peer(identity, router, channel, canPublish, this.routers.primary);
    const previous = [...this.peers.values()].find((p) => p.identity.userId === identity.userId);
    this.peers.set(peer.id, peer);
    peer.onClose((p) => this.onPeerClosed(p));
    if (previous) this.removePeer(previous, 'replaced');
    if (identity.role === 'host' && this.hostGraceTimer) {
      clearTimeout(this.hostGraceTimer);
      this.hostGraceTimer = undefined;
      this.notifyAll('hostBack', {});
    }
    peer.after(this.limits.joinTimeoutMs, () => {
      if (!peer.joined) this.removePeer(peer, 'joinTimeout');
    });
    return peer;
  }

  join(peer: Peer, request: MediaRequest<'join'>): MediaResponse<'join'> {
    if (peer.joined) throw new DomainError('CONFLICT', 'Already joined');
    const rtpCapabilities = structuredClone(request.rtpCapabilities) as ms.RtpCapabilities;
    validateRtpCapabilities(rtpCapabilities); // TypeError → MEDIA_BAD_PARAMETERS
    peer.rtpCapabilities = rtpCapabilities;
    peer.joined = true;
    this.notifyAbout(peer, 'peerJoined', peer.info());
    this.observer.emit('peerjoined', peer);
    // offered after this request is acknowledged, so the client knows the room before consumers arrive
    setImmediate(() => this.offerProducers(peer));
    return {
      you: peer.info(),
      peers: this.visiblePeers(peer),
      hostPresent: this.hostPresent(),
    };
  }

  async produce(peer: Peer, request: MediaRequest<'produce'>): Promise<MediaResponse<'produce'>> {
    this.assertMayPublish(peer, request.source);
    const expectedKind = request.source === 'mic' ? 'audio' : 'video';
    if (request.kind !== expectedKind) {
      throw new DomainError('MEDIA_BAD_PARAMETERS', `A ${request.source} producer must be ${expectedKind}`);
    }
    if (peer.producers.size >= this.limits.maxProducersPerPeer) {
      throw new DomainError(
        'MEDIA_LIMIT_REACHED',
        `At most ${this.limits.maxProducersPerPeer} producers per peer`,
      );
    }
    if ((request.rtpParameters.encodings?.length ?? 1) > 3) {
      throw new DomainError('MEDIA_BAD_PARAMETERS', 'At most 3 simulcast encodings');
    }
    const transport = peer.transport(request.transportId);
    if (transport.appData.direction !== 'send')
      throw new DomainError('MEDIA_BAD_PARAMETERS', 'Produce on a send transport');
    const producer = await transport.produce<MediaAppData>({
      kind: request.kind,
      rtpParameters: request.rtpParameters as unknown as ms.RtpParameters,
      appData: { source: request.source, peerId: peer.id },
    });
    if (peer.closed || !peer.canPublish || this.isClosed) {
      // permission was withdrawn (or the peer left) while the producer was being created
      producer.close();
      throw new DomainError('MEDIA_NOT_ALLOWED', 'Publishing is no longer allowed');
    }
    if (peer.producers.size >= this.limits.maxProducersPerPeer) {
      // another produce of this peer finished first
      producer.close();
      throw new DomainError(
        'MEDIA_LIMIT_REACHED',
        `At most ${this.limits.maxProducersPerPeer} producers per peer`,
      );
    }
    await this.attachProducer(peer, producer);
    return { id: producer.id };
  }

  /**
   * Makes a producer of `peer` live in the room: piped, fanned out, observed. `produce` ends here;
   * server-side code (tests feeding ffmpeg RTP through a PlainTransport on the primary router) may
   * call it directly. Not reachable from signaling.
   */
  async attachProducer(peer: Peer, producer: ms.Producer<MediaAppData>): Promise<void> {
    peer.addProducer(producer);
    await this.routers.pipeProducer(producer.id);
    for (const other of this.peers.values()) {
      if (other !== peer && other.joined) this.consumers.offer(other, producer);
    }
    if (!producer.closed && !this.isClosed) this.observer.emit('newproducer', peer, producer);
  }

  inviteCohost(host: Peer, peerId: string): void {
    const guest = this.stageTarget(host, peerId);
    if (!guest.stageEligible)
      throw new DomainError(
        'STAGE_NOT_ELIGIBLE',
        'This viewer cannot be invited on stage: only signed-in viewers can join the stage',
      );
    this.invitedCohosts.add(guest.identity.userId);
    if (guest.canPublish) return;
    guest.canPublish = true;
    guest.handRaised = false;
    guest.channel.notify('publishPermission', { allowed: true });
    this.announceStageChange(guest);
  }

  removeCohost(host: Peer, peerId: string): void {
    const guest = this.stageTarget(host, peerId);
    this.invitedCohosts.delete(guest.identity.userId);
    if (!guest.canPublish) return;
    guest.canPublish = false;
    guest.closeProducers('publishRevoked');
    guest.closeSendTransports();
    guest.channel.notify('publishPermission', { allowed: false });
    this.announceStageChange(guest);
  }

  /** A stage-eligible viewer asks to come on stage (or no longer does); only the host is told. */
  setHand(peer: Peer, raised: boolean): MediaResponse<'setHand'> {
    if (peer.handRaised === raised) return { raised };
    if (raised) {
      if (peer.role !== 'viewer')
        throw new DomainError('MEDIA_NOT_ALLOWED', 'Only a viewer who is not on stage raises a hand');
      if (!peer.stageEligible)
        throw new DomainError('STAGE_NOT_ELIGIBLE', 'Sign in to raise your hand and join the stage');
      if (!peer.joined) throw new DomainError('CONFLICT', 'Join the room before raising a hand');
    }
    const now = Date.now();
    const recent = peer.handChanges.filter((at) => now - at < this.limits.handWindowMs);
    if (recent.length >= this.limits.handChangesPerWindow)
      throw new DomainError('RATE_LIMITED', 'Too many raised hands; wait a little and try again');
    peer.handChanges.splice(0, peer.handChanges.length, ...recent, now);
    peer.handRaised = raised;
    this.notifyAbout(peer, 'peerUpdated', peer.info());
    return { raised };
  }

  end(host: Peer): void {
    if (host.role !== 'host') throw new DomainError('MEDIA_NOT_ALLOWED', 'Only the host ends the room');
    this.close('ended');
  }

  /** Idempotent; tells every peer why, then closes peers and routers (which closes all media). */
  close(cause: RoomCloseCause): void {
    if (this.isClosed) return;
    this.isClosed = true;
    if (this.hostGraceTimer) clearTimeout(this.hostGraceTimer);
    this.hostGraceTimer = undefined;
    for (const peer of [...this.peers.values()]) {
      if (cause !== 'empty') peer.channel.notify('roomClosed', { reason: cause });
      peer.close();
      peer.channel.disconnect();
    }
    this.peers.clear();
    this.routers.close();
    this.logger.log(`room ${this.id} closed (${cause})`);
    this.onClosed(this, cause);
    this.observer.emit('close', cause);
  }

  /**
   * Offers a joined peer every producer it is not consuming yet: on join, and again when it opens a
   * new receive transport (after its old one broke).
   */
  offerProducers(peer: Peer): void {
    if (!peer.joined || peer.closed) return;
    for (const other of this.peers.values()) {
      if (other === peer) continue;
      for (const producer of other.producers.values()) this.consumers.offer(peer, producer);
    }
  }

  private assertOpen(): void {
    if (this.isClosed) throw new DomainError('ROOM_CLOSED', 'This room has closed');
  }

  private assertMayPublish(peer: Peer, source: string): void {
    if (peer.role === 'observer') throw new DomainError('MEDIA_NOT_ALLOWED', 'Observers only watch');
    if (!peer.canPublish)
      throw new DomainError('MEDIA_NOT_ALLOWED', 'Viewers publish only once the host invites them on stage');
    if (source === 'screen' && peer.role !== 'host')
      throw new DomainError('MEDIA_NOT_ALLOWED', 'Only the host shares a screen');
  }

  private stageTarget(host: Peer, peerId: string): Peer {
    if (host.role !== 'host') throw new DomainError('MEDIA_NOT_ALLOWED', 'Only the host manages the stage');
    const target = this.peers.get(peerId);
    // an observer is not there as far as anyone can tell
    if (!target || target.role === 'observer')
      throw new DomainError('NOT_FOUND', `No peer ${peerId} in this room`);
    if (target.role === 'host') throw new DomainError('MEDIA_NOT_ALLOWED', 'The host is always on stage');
    return target;
  }

  private producerIds(): string[] {
    return [...this.peers.values()].flatMap((p) => [...p.producers.keys()]);
  }

  private hostPresent(): boolean {
    return [...this.peers.values()].some((p) => p.role === 'host');
  }

  /** Viewers see the stage (host, cohosts); cohosts and observers too; the host sees everyone. */
  private visiblePeers(to: Peer): PeerInfo[] {
    return [...this.peers.values()].filter((p) => p !== to && p.joined && sees(to, p)).map((p) => p.info());
  }

  /** News about a stage peer goes to all; news about a viewer only to the host; of an observer to nobody. */
  private notifyAbout<K extends MediaNotificationName>(
    subject: Peer,
    event: K,
    payload: MediaNotifications[K],
  ): void {
    for (const p of this.peers.values()) {
      if (p !== subject && p.joined && sees(p, subject)) p.channel.notify(event, payload);
    }
  }

  /** A viewer came on stage or left it: the host sees the change, the others meet them or lose them. */
  private announceStageChange(subject: Peer): void {
    if (!subject.joined) return;
    const info = subject.info();
    for (const p of this.peers.values()) {
      if (p === subject || !p.joined) continue;
      if (p.role === 'host') p.channel.notify('peerUpdated', info);
      else if (subject.canPublish) p.channel.notify('peerJoined', info);
      else p.channel.notify('peerLeft', { peerId: subject.id });
    }
  }

  private notifyAll<K extends MediaNotificationName>(event: K, payload: MediaNotifications[K]): void {
    for (const p of this.peers.values()) p.channel.notify(event, payload);
  }

  private removePeer(peer: Peer, reason: 'replaced' | 'joinTimeout' | 'mediaFailure'): void {
    peer.channel.notify('removed', { reason });
    peer.close();
    peer.channel.disconnect();
  }

  private onPeerClosed(peer: Peer): void {
    if (this.peers.get(peer.id) !== peer) return;
    this.peers.delete(peer.id);
    if (this.isClosed) return;
    if (peer.joined) this.notifyAbout(peer, 'peerLeft', { peerId: peer.id });
    if (peer.role === 'host' && !this.hostPresent()) {
      this.notifyAll('hostAway', { graceMs: this.limits.hostGraceMs });
      this.hostGraceTimer = setTimeout(() => this.close('hostLeft'), this.limits.hostGraceMs);
    } else if (this.peers.size === 0 && !this.hostGraceTimer) {
      this.close('empty');
    }
  }

  private onRouterLost(lost: RoomRouter): void {
    if (this.isClosed) return;
    if (lost === this.routers.primary) {
      this.close('mediaFailure');
      return;
    }
    for (const peer of [...this.peers.values()]) {
      if (peer.router === lost) this.removePeer(peer, 'mediaFailure');
    }
  }
}

/** Whether `viewer` is shown `subject`: the host sees everyone, others see the stage; nobody sees an observer. */
function sees(viewer: Peer, subject: Peer): boolean {
  if (subject.role === 'observer') return false;
  return viewer.role === 'host' || subject.role === 'host' || subject.role === 'cohost';
}
