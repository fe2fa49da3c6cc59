import { Logger } from '@nestjs/common';
import type { types as ms } from 'mediasoup';
import { MediaWorker, WorkerPool } from './worker-pool';
import { SerialQueue } from './serial-queue';

/** A router of a room, on one worker. */
export class RoomRouter {
  /** producers of the room already piped into this router */
  readonly piped = new Set<string>();

  constructor(
    readonly worker: MediaWorker,
    readonly router: ms.Router,
  ) {}

  get rtpCapabilities(): ms.RtpCapabilities {
    return this.router.rtpCapabilities;
  }
}

/**
 * The routers of one room. Every producer lives on the primary router. Viewers go to the primary
 * too until its worker carries `pipeThreshold` consumers; then to a router on another worker, into
 * which every producer is piped (`pipeToRouter`). Placement and piping run one at a time, so a
 * producer is never piped twice and a viewer never lands on a router missing one.
 */
export class RoomRouters {
  private readonly logger = new Logger('RoomRouters');
  private readonly overflow: RoomRouter[] = [];
  private readonly queue = new SerialQueue();
  private closed = false;

  private constructor(
    readonly roomId: string,
    readonly primary: RoomRouter,
    private readonly pool: WorkerPool,
    private readonly pipeThreshold: number,
    private readonly onLost: (lost: RoomRouter) => void,
  ) {
    this.watch(primary);
  }

  static async create(
    roomId: string,
    pool: WorkerPool,
    pipeThreshold: number,
    onLost: (lost: RoomRouter) => void,
  ): Promise<RoomRouters> {
    const worker = pool.pick();
    const router = await worker.createRouter({ roomId });
    return new RoomRouters(roomId, new RoomRouter(worker, router), pool, pipeThreshold, onLost);
  }

  all(): RoomRouter[] {
    return [this.primary, ...this.overflow];
  }

  /** Where a new viewer goes. `producerIds` lists the room's producers at the time it is placed. */
  placeViewer(producerIds: () => string[]): Promise<RoomRouter> {
    return this.queue.push(async () => {
      const routers = this.all().filter((r) => r.worker.alive);
      const roomy = routers.find((r) => r.worker.consumers < this.pipeThreshold);
      if (roomy) return roomy;
      const used = new Set(routers.map((r) => r.worker));
      const worker = this.pool.pick(used);
      if (used.has(worker)) {
        // every worker already serves this room: share the least-loaded one
        return routers.reduce((a, b) => (b.worker.consumers < a.worker.consumers ? b : a));
      }
      const router = await worker.createRouter({ roomId: this.roomId, overflow: true });
      const added = new RoomRouter(worker, router);
      if (this.closed) {
        router.close();
        return this.primary;
      }
      this.overflow.push(added);
      this.watch(added);
      this.logger.log(
        `room ${this.roomId}: worker ${this.primary.worker.index} has ${this.primary.worker.consumers} consumers; ` +
          `new viewers go to worker ${worker.index}`,
      );
      for (const producerId of producerIds()) await this.pipe(producerId, added);
      return added;
    });
  }

  /** Makes a new producer available on every overflow router before any viewer there consumes it. */
  pipeProducer(producerId: string): Promise<void> {
    return this.queue.push(async () => {
      for (const target of this.overflow) await this.pipe(producerId, target);
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const r of this.all()) r.router.close();
    this.overflow.length = 0;
  }

  private async pipe(producerId: string, target: RoomRouter): Promise<void> {
    if (target.piped.has(producerId) || target.router.closed || this.primary.router.closed) return;
    try {
      await this.primary.router.pipeToRouter({ producerId, router: target.router });
      target.piped.add(producerId);
    } catch (error) {
      // the producer closed meanwhile: nothing to pipe
      this.logger.warn(`room ${this.roomId}: piping producer ${producerId} failed: ${String(error)}`);
    }
  }

  private watch(r: RoomRouter): void {
    r.router.on('workerclose', () => {
      const i = this.overflow.indexOf(r);
      if (i >= 0) this.overflow.splice(i, 1);
      if (!this.closed) this.onLost(r);
    });
  }
}
