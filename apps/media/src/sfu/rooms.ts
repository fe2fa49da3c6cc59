import { EventEmitter } from 'node:events';
import { DomainError } from '@app/contracts';
import { MediaLimits } from './media-limits';
import { Peer, PeerChannel, PeerIdentity } from './peer';
import { Room, RoomCloseCause } from './room';
import { SerialQueue } from './serial-queue';
import { WorkerPool } from './worker-pool';

/** How long a room being rebuilt waits for a replacement worker when none is alive. */
const WORKER_WAIT_MS = 5000;

/**
 * Every open room, by id. Room creation runs one at a time (mediasoup-demo's queue), so two first
 * visitors never build two rooms.
 * A room that ended (the host ended it or never came back) refuses connections for a while, so a
 * still-valid token cannot reopen it.
 * A room whose media worker died is different: it closes with `mediaFailure`, its peers reconnect,
 * and the first of them builds it again on a live worker (waiting briefly for the dead worker's
 * replacement when no other is left). Nothing of the dead router is reused: peers renegotiate
 * their transports anyway, and the client library republishes the host's tracks.
 */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly endedUntil = new Map<string, number>();
  private readonly queue = new SerialQueue();
  private readonly peerRooms = new WeakMap<Peer, Room>();
  /** rooms that closed because their media worker died */
  private readonly failed = new WeakSet<Room>();
  private closed = false;
  /** `newroom` fires before the room's first peer is admitted (reporting and recording attach here) */
  readonly observer = new EventEmitter<{ newroom: [Room] }>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly limits: MediaLimits,
  ) {}

  get(roomId: string): Room | undefined {
    return this.rooms.get(roomId);
  }

  get size(): number {
    return this.rooms.size;
  }

  async admit(roomId: string, identity: PeerIdentity, channel: PeerChannel): Promise<Peer> {
    for (let attempt = 0; ; attempt++) {
      const room = await this.queue.push(() => this.getOrCreate(roomId));
      try {
        const peer = await room.admit(identity, channel);
        this.peerRooms.set(peer, room);
        return peer;
      } catch (error) {
        // the worker died while this peer was being admitted: the room comes back, not ROOM_CLOSED
        if (attempt < 2 && this.failed.has(room) && !this.closed) continue;
        throw error;
      }
    }
  }

  /** The open room of an open peer. */
  roomOf(peer: Peer): Room {
    const room = this.peerRooms.get(peer);
    if (!room || room.closed || peer.closed)
      throw new DomainError('ROOM_CLOSED', 'This peer is no longer in an open room');
    return room;
  }

  /** Idempotent. */
  closeAll(): void {
    this.closed = true;
    for (const room of [...this.rooms.values()]) room.close('shutdown');
    this.rooms.clear();
  }

  private async getOrCreate(roomId: string): Promise<Room> {
    if (this.closed) throw new DomainError('MEDIA_UNAVAILABLE', 'The media server is shutting down');
    const ended = this.endedUntil.get(roomId);
    if (ended !== undefined && ended > Date.now())
      throw new DomainError('ROOM_CLOSED', 'This live room has ended');
    this.endedUntil.delete(roomId);
    const open = this.rooms.get(roomId);
    if (open && !open.closed) return open;
    await this.pool.waitForLive(WORKER_WAIT_MS);
    const room = await Room.create(roomId, this.pool, this.limits, (r, cause) => this.onRoomClosed(r, cause));
    if (this.closed) {
      room.close('shutdown');
      throw new DomainError('MEDIA_UNAVAILABLE', 'The media server is shutting down');
    }
    this.rooms.set(roomId, room);
    this.observer.emit('newroom', room);
    return room;
  }

  private onRoomClosed(room: Room, cause: RoomCloseCause): void {
    if (this.rooms.get(room.id) === room) this.rooms.delete(room.id);
    if (cause === 'mediaFailure') this.failed.add(room);
    if (cause === 'ended' || cause === 'hostLeft') {
      const now = Date.now();
      for (const [id, until] of this.endedUntil) if (until <= now) this.endedUntil.delete(id);
      this.endedUntil.set(room.id, now + this.limits.endedRoomTtlMs);
    }
  }
}
