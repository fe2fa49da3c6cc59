import request from 'supertest';
import { spawn, type ChildProcess } from 'node:child_process';
import type { INestApplication } from '@nestjs/common';
import type { Socket } from 'socket.io-client';
import type { Ack, AuthResponse, ChatMessageView, LiveSessionView } from '@app/contracts';
import { freePort, TestApp } from '@app/testing';
import { createApiApp } from '../src/bootstrap';
import { liveRoomSockets } from './live-room-support';
import { signUp, startApi } from './support';

// Two api nodes on one database, their live-room sockets joined through a real Redis (Debian's
// redis-server, started here on a free loopback port): what one node emits reaches sockets held
// by the other, as it must behind a load balancer.

async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error('redis-server did not start in 10 s')), 10_000);
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`redis-server exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        ready();
      }
    });
  });
  return { url: `redis://127.0.0.1:${port}`, process: child };
}

describe('two api nodes over Redis', () => {
  let redis: { url: string; process: ChildProcess };
  let a: TestApp;
  let b: INestApplication;
  let bUrl: string;
  let anchor: AuthResponse;
  let fan: AuthResponse;
  let session: LiveSessionView;
  const onA = liveRoomSockets(() => a.url);
  const onB = liveRoomSockets(() => bUrl);

  const call = <T>(s: Socket, event: string, payload: unknown): Promise<Ack<T>> =>
    s.timeout(5000).emitWithAck(event, payload) as Promise<Ack<T>>;
  const next = <T>(s: Socket, event: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5000);
      s.once(event, (payload: T) => {
        clearTimeout(timer);
        resolve(payload);
      });
    });

  beforeAll(async () => {
    redis = await startRedis();
    a = await startApi({ REDIS_URL: redis.url });
    // the second node: same configuration, same database, its own process state
    b = await createApiApp(a.cfg, { logger: false });
    await b.listen(0, '127.0.0.1');
    bUrl = `http://127.0.0.1:${(b.getHttpServer().address() as { port: number }).port}`;
    anchor = await signUp(a, { roles: ['anchor'], displayName: '两地主播' });
    fan = await signUp(a, { roles: ['viewer'], displayName: '远方的粉丝' });
    session = (
      await request(a.url)
        .post('/api/live-sessions')
        .set('Authorization', `Bearer ${anchor.tokens.accessToken}`)
        .send({ kind: 'sale', title: '跨节点直播' })
        .expect(201)
    ).body as LiveSessionView;
    await request(bUrl)
      .post(`/api/live-sessions/${session.id}/start`)
      .set('Authorization', `Bearer ${anchor.tokens.accessToken}`)
      .expect(200);
  });
  afterAll(async () => {
    onA.closeAll();
    onB.closeAll();
    await b?.close();
    await a?.close();
    redis?.process.kill('SIGTERM');
  });

  it('a chat sent on one node reaches a watcher on the other', async () => {
    const watcher = await onB.connect();
    const chatter = await onA.connect(fan.tokens.accessToken);
    expect((await call(watcher, 'joinRoom', { sessionId: session.id })).ok).toBe(true);
    expect((await call(chatter, 'joinRoom', { sessionId: session.id })).ok).toBe(true);
    const seen = next<ChatMessageView>(watcher, 'chatMessage');
    const sent = await call<ChatMessageView>(chatter, 'sendChat', {
      sessionId: session.id,
      text: '你好，另一台',
    });
    expect(sent.ok).toBe(true);
    expect(await seen).toMatchObject({
      sessionId: session.id,
      text: '你好，另一台',
      user: { id: fan.user.id },
    });
  });

  it("a media report taken by one node updates the viewer count on the other node's sockets", async () => {
    const watcher = await onA.connect();
    expect((await call(watcher, 'joinRoom', { sessionId: session.id })).ok).toBe(true);
    const counted = next<{ sessionId: string; viewers: number }>(watcher, 'viewerCount');
    await request(bUrl)
      .post(`/api/internal/live-sessions/${session.id}/report`)
      .set('x-internal-secret', a.cfg.internalSecret)
      .send({ viewersNow: 42, peakViewers: 42, attendance: [] })
      .expect(204);
    expect(await counted).toMatchObject({ sessionId: session.id, viewers: 42 });
  });
});
