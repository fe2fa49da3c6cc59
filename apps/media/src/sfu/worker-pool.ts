import { EventEmitter } from 'node:events';
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import * as mediasoupWorkerModule from 'mediasoup/node/lib/Worker';
import { Logger } from '@nestjs/common';
import { DomainError, MediaHealth } from '@app/contracts';
import { MEDIA_CODECS } from './media-codecs';

export interface WorkerPoolOptions {
  numWorkers: number;
  /** mediasoup-worker binary; unset: mediasoup's default (MEDIASOUP_WORKER_BIN or its own build) */
  workerBin: string | undefined;
  listenIp: string;
  announcedIp: string | undefined;
  /**
   * worker i's WebRtcServer listens on UDP and TCP port rtcPortBase + i; pipe and plain transports
   * use rtcPortBase + numWorkers … + 10000
   */
  rtcPortBase: number;
  logLevel: ms.WorkerLogLevel;
  /** wait before retrying a replacement that failed to start */
  respawnDelayMs?: number;
}

export interface WorkerDiedEvent {
  index: number;
  pid: number;
  error: Error;
}
export interface WorkerReplacedEvent {
  index: number;
  oldPid: number;
  worker: MediaWorker;
}
export type WorkerPoolEvents = {
  /** a worker process died; its routers (and so its rooms' media) are gone */
  workerDied: [WorkerDiedEvent];
  /** a new worker took the dead one's place (same index, same port) */
  workerReplaced: [WorkerReplacedEvent];
};

/** One mediasoup worker process, its WebRtcServer, and a live count of what runs on it. */
export class MediaWorker {
  private routerCount = 0;
  private consumerCount = 0;

  constructor(
    readonly index: number,
    readonly worker: ms.Worker,
    readonly webRtcServer: ms.WebRtcServer,
  ) {
    // Counted from mediasoup's observers so every router, transport and consumer is seen,
    // whoever created it (rooms, pipes, tests).
    worker.observer.on('newrouter', (router) => {
      this.routerCount++;
      router.observer.once('close', () => this.routerCount--);
      router.observer.on('newtransport', (transport) => {
        transport.observer.on('newconsumer', (consumer) => {
          this.consumerCount++;
          consumer.observer.once('close', () => this.consumerCount--);
        });
      });
    });
  }

  get pid(): number {
    return this.worker.pid;
  }

  get alive(): boolean {
    return !this.worker.closed && !this.worker.died;
  }

  get routers(): number {
    return this.routerCount;
  }

  get consumers(): number {
    return this.consumerCount;
  }

  createRouter(appData: Record<string, unknown> = {}): Promise<ms.Router> {
    return this.worker.createRouter({ mediaCodecs: MEDIA_CODECS, appData });
  }
}

/**
 * Starts `numWorkers` mediasoup workers and keeps that many alive: a worker that dies is replaced
 * (same index, same WebRtcServer port) and the pool says so with events, so rooms can rebuild.
 */
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  private readonly logger = new Logger('WorkerPool');
  private readonly slots: Array<MediaWorker | undefined>;
  /** pids of workers that died and are not yet replaced, by slot */
  private readonly deadPids = new Map<number, number>();
  private readonly respawnTimers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    super();
    this.slots = new Array<MediaWorker | undefined>(options.numWorkers).fill(undefined);
    if (options.workerBin) {
      // mediasoup 3.12 has no per-worker binary option; it spawns whatever this export holds.
      (mediasoupWorkerModule as unknown as { workerBin: string }).workerBin = options.workerBin;
    }
  }

  async start(): Promise<void> {
    const results = await Promise.allSettled(this.slots.map((_, index) => this.spawn(index)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await this.close();
      throw failed.reason;
    }
    this.logger.log(
      `${this.slots.length} mediasoup worker(s) up: pids ${this.workers.map((w) => w.pid).join(', ')}`,
    );
  }

  /** Live workers, in slot order. */
  get workers(): MediaWorker[] {
    return this.slots.filter((w): w is MediaWorker => w !== undefined && w.alive);
  }

  /** The least-loaded live worker (consumers, then routers), optionally avoiding some. */
  pick(avoid: ReadonlySet<MediaWorker> = new Set()): MediaWorker {
    const live = this.workers;
    const preferred = live.filter((w) => !avoid.has(w));
    const candidates = preferred.length > 0 ? preferred : live;
    if (candidates.length === 0) throw new DomainError('MEDIA_UNAVAILABLE', 'No media worker is available');
    return candidates.reduce((best, w) =>
      w.consumers < best.consumers || (w.consumers === best.consumers && w.routers < best.routers) ? w : best,
    );
  }

  /**
   * A live worker, waiting up to `timeoutMs` for a replacement when every worker is dead (a
   * one-worker pool right after a crash), so rooms rebuild instead of refusing their peers.
   */
  async waitForLive(timeoutMs: number): Promise<MediaWorker> {
    if (this.workers.length > 0 || this.closed) return this.pick();
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.off('workerReplaced', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.on('workerReplaced', done);
    });
    return this.pick();
  }

  health(): MediaHealth {
    const workers = this.slots.map((w, index) =>
      w && w.alive
        ? { pid: w.pid, alive: true, routers: w.routers, consumers: w.consumers }
        : { pid: w?.pid ?? this.deadPids.get(index) ?? 0, alive: false, routers: 0, consumers: 0 },
    );
    const up = !this.closed && workers.length > 0 && workers.every((w) => w.alive);
    return { status: up ? 'up' : 'down', workers };
  }

  /** Closes every worker and resolves once their processes are gone. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.respawnTimers) clearTimeout(t);
    this.respawnTimers.clear();
    const pids: number[] = [];
    for (const w of this.slots) {
      if (!w) continue;
      pids.push(w.pid);
      w.worker.close();
    }
    this.slots.fill(undefined);
    await Promise.all(pids.map((pid) => waitForExit(pid)));
  }

  private async spawn(index: number): Promise<MediaWorker> {
    const { listenIp, announcedIp, rtcPortBase, logLevel, numWorkers } = this.options;
    // Pipe (and later plain) transports take ports from this range: kept clear of the WebRtcServer
    // ports, so a replacement worker always finds its own port free.
    const rtcMinPort = rtcPortBase + numWorkers;
    const rtcMaxPort = Math.min(65535, rtcMinPort + 9999);
    const worker = await mediasoup.createWorker({ logLevel, rtcMinPort, rtcMaxPort, appData: { index } });
    if (this.closed) {
      worker.close();
      await waitForExit(worker.pid);
      throw new Error('worker pool closed while starting a worker');
    }
    let webRtcServer: ms.WebRtcServer;
    try {
      const port = rtcPortBase + index;
      webRtcServer = await worker.createWebRtcServer({
        listenInfos: [
          { protocol: 'udp', ip: listenIp, announcedIp, port },
          { protocol: 'tcp', ip: listenIp, announcedIp, port },
        ],
      });
    } catch (error) {
      worker.close();
      await waitForExit(worker.pid);
      throw error;
    }
    const mediaWorker = new MediaWorker(index, worker, webRtcServer);
    worker.on('died', (error) => this.onDied(mediaWorker, error));
    this.slots[index] = mediaWorker;
    this.deadPids.delete(index);
    return mediaWorker;
  }

  private onDied(dead: MediaWorker, error: Error): void {
    if (this.closed || this.slots[dead.index] !== dead) return;
    this.logger.error(
      `mediasoup worker ${dead.index} (pid ${dead.pid}) died: ${error.message}; replacing it`,
    );
    this.deadPids.set(dead.index, dead.pid);
    this.slots[dead.index] = undefined;
    this.emit('workerDied', { index: dead.index, pid: dead.pid, error });
    this.respawn(dead.index, dead.pid, 0);
  }

  private respawn(index: number, oldPid: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.respawnTimers.delete(timer);
      if (this.closed) return;
      this.spawn(index).then(
        (worker) => {
          this.logger.log(`mediasoup worker ${index} replaced: pid ${oldPid} → ${worker.pid}`);
          this.emit('workerReplaced', { index, oldPid, worker });
        },
        (err: unknown) => {
          if (this.closed) return;
          this.logger.error(`replacing mediasoup worker ${index} failed: ${String(err)}; retrying`);
          this.respawn(index, oldPid, this.options.respawnDelayMs ?? 1000);
        },
      );
    }, delayMs);
    this.respawnTimers.add(timer);
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits for a closed worker's process to go (mediasoup sends SIGTERM); SIGKILL after graceMs. */
export async function waitForExit(pid: number, graceMs = 3000): Promise<void> {
  if (!pid) return;
  const deadline = Date.now() + graceMs;
  while (processExists(pid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 50));
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
