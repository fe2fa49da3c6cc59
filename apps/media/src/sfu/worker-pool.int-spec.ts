import { once } from 'node:events';
import { Logger } from '@nestjs/common';
import { processExists, randomRtcPortBase, requireWorkerBin } from '../../test/media-test-kit';
import { WorkerDiedEvent, WorkerPool, WorkerReplacedEvent } from './worker-pool';

describe('WorkerPool (real mediasoup workers)', () => {
  let pool: WorkerPool | undefined;
  let rtcPortBase: number;

  beforeAll(() => Logger.overrideLogger(['error']));

  beforeEach(() => {
    rtcPortBase = randomRtcPortBase();
    pool = new WorkerPool({
      numWorkers: 2,
      workerBin: requireWorkerBin(),
      listenIp: '127.0.0.1',
      announcedIp: '127.0.0.1',
      rtcPortBase,
      logLevel: 'error',
      respawnDelayMs: 100,
    });
  });

  afterEach(async () => {
    await pool?.close();
  });

  it('starts numWorkers workers, each with a WebRtcServer on rtcPortBase + index', async () => {
    await pool!.start();
    const health = pool!.health();
    expect(health.status).toBe('up');
    expect(health.workers).toHaveLength(2);
    expect(health.workers.every((w) => w.alive && processExists(w.pid))).toBe(true);

    for (const w of pool!.workers) {
      const router = await w.createRouter();
      const transport = await router.createWebRtcTransport({
        webRtcServer: w.webRtcServer,
        enableUdp: true,
        enableTcp: true,
      });
      const ports = transport.iceCandidates.map((c) => `${c.protocol}:${c.ip}:${c.port}`).sort();
      expect(ports).toEqual([
        `tcp:127.0.0.1:${rtcPortBase + w.index}`,
        `udp:127.0.0.1:${rtcPortBase + w.index}`,
      ]);
      router.close();
    }
  });

  it('picks the least-loaded worker for a new router', async () => {
    await pool!.start();
    const first = pool!.pick();
    const router = await first.createRouter();
    expect(first.routers).toBe(1);
    const second = pool!.pick();
    expect(second).not.toBe(first);
    // consumers weigh more than routers: load the second worker with one consumer
    const r2 = await second.createRouter();
    const t1 = await r2.createWebRtcTransport({ webRtcServer: second.webRtcServer });
    const t2 = await r2.createWebRtcTransport({ webRtcServer: second.webRtcServer });
    const producer = await t1.produce({
      kind: 'audio',
      rtpParameters: {
        codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
        encodings: [{ ssrc: 1111 }],
      },
    });
    await t2.consume({ producerId: producer.id, rtpCapabilities: r2.rtpCapabilities });
    expect(second.consumers).toBe(1);
    expect(pool!.pick()).toBe(first);
    router.close();
    r2.close();
    expect(second.consumers).toBe(0);
    expect(second.routers).toBe(0);
  });

  it('replaces a killed worker, reports health down then up, and leaves no process after close', async () => {
    await pool!.start();
    const [victim, survivor] = pool!.workers;
    const died = once(pool!, 'workerDied') as Promise<[WorkerDiedEvent]>;
    const replaced = once(pool!, 'workerReplaced') as Promise<[WorkerReplacedEvent]>;

    process.kill(victim.pid, 'SIGKILL');

    const [diedEvent] = await died;
    expect(diedEvent).toMatchObject({ index: victim.index, pid: victim.pid });
    expect(pool!.health().status).toBe('down');
    expect(pool!.pick()).toBe(survivor);

    const [replacedEvent] = await replaced;
    expect(replacedEvent.index).toBe(victim.index);
    expect(replacedEvent.oldPid).toBe(victim.pid);
    expect(replacedEvent.worker.pid).not.toBe(victim.pid);
    const health = pool!.health();
    expect(health.status).toBe('up');
    expect(health.workers.map((w) => w.pid)).toEqual(
      victim.index === 0
        ? [replacedEvent.worker.pid, survivor.pid]
        : [survivor.pid, replacedEvent.worker.pid],
    );
    // the replacement serves on the dead worker's port
    const router = await replacedEvent.worker.createRouter();
    const transport = await router.createWebRtcTransport({ webRtcServer: replacedEvent.worker.webRtcServer });
    expect(transport.iceCandidates[0].port).toBe(rtcPortBase + victim.index);

    const pids = pool!.workers.map((w) => w.pid);
    await pool!.close();
    for (const pid of [...pids, victim.pid]) expect(processExists(pid)).toBe(false);
    expect(pool!.health().status).toBe('down');
  });

  it('closes idempotently, waiting for the worker processes to exit', async () => {
    await pool!.start();
    const pids = pool!.workers.map((w) => w.pid);
    await Promise.all([pool!.close(), pool!.close()]);
    for (const pid of pids) expect(processExists(pid)).toBe(false);
    expect(pool!.workers).toHaveLength(0);
  });
});
