import { createSocket, Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { MediaHealth } from '@app/contracts';
import { processExists, testMediaConfig, waitFor } from '../test/media-test-kit';
import { createMediaApp } from './media-app';
import { SfuService } from './sfu/sfu.service';

describe('media app /health (real workers, HTTP on port 0)', () => {
  let app: INestApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answers 200 with every worker alive, 503 while one is down, and stops its workers on close', async () => {
    const config = testMediaConfig({ MEDIA_WORKERS: '2' });
    app = await createMediaApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    const http = app.getHttpServer() as Parameters<typeof request>[0];

    const up = await request(http).get('/health').expect(200);
    const body = up.body as MediaHealth;
    expect(body.status).toBe('up');
    expect(body.workers).toHaveLength(2);
    expect(body.workers[0]).toEqual({ pid: expect.any(Number), alive: true, routers: 0, consumers: 0 });

    // Kill worker 0 and hold its port, so its replacement cannot start until we let go.
    const pool = app.get(SfuService).pool;
    const victimPid = body.workers[0].pid;
    let blocker: UdpSocket | undefined;
    let blocking: Promise<unknown> | undefined;
    pool.once('workerDied', () => {
      blocker = createSocket('udp4');
      blocking = once(blocker, 'listening');
      blocker.bind(config.media.rtcPortBase, config.media.listenIp);
    });
    process.kill(victimPid, 'SIGKILL');
    await waitFor(() => blocking !== undefined, 5000, 'the worker death');
    await blocking;

    const down = await request(http).get('/health').expect(503);
    expect((down.body as MediaHealth).status).toBe('down');
    expect((down.body as MediaHealth).workers[0]).toMatchObject({ pid: victimPid, alive: false });

    blocker!.close();
    await waitFor(() => pool.health().status === 'up', 10000, 'the replacement worker');
    const again = await request(http).get('/health').expect(200);
    const pids = (again.body as MediaHealth).workers.map((w) => w.pid);
    expect(pids).not.toContain(victimPid);

    await app.close();
    app = undefined;
    for (const pid of pids) expect(processExists(pid)).toBe(false);
  });
});
