import request from 'supertest';
import type { Socket } from 'socket.io-client';
import type {
  Ack,
  AuthResponse,
  ChatMessageView,
  LiveRoomServerEvents,
  LiveSessionView,
  RoomSnapshot,
} from '@app/contracts';
import { TestApp } from '@app/testing';
import { liveRoomSockets } from './live-room-support';
import { signUp, startApi } from './support';

/** Viewers in the live room socket: chat, likes, viewer counts (real api, real sockets). */
describe('live room socket', () => {
  let t: TestApp;
  let anchor: AuthResponse;
  let fan: AuthResponse;
  let session: LiveSessionView;
  const room = liveRoomSockets(() => t.url);
  const connect = room.connect;

  function call<T>(s: Socket, event: string, payload: unknown): Promise<Ack<T>> {
    return s.timeout(5000).emitWithAck(event, payload) as Promise<Ack<T>>;
  }

  function next<T>(s: Socket, event: string, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
      s.once(event, (e: T) => {
        clearTimeout(timer);
        resolve(e);
      });
    });
  }

  beforeAll(async () => {
    t = await startApi();
    anchor = await signUp(t, { roles: ['anchor'], displayName: '茶农小李' });
    fan = await signUp(t, { roles: ['viewer'], displayName: '<b>粉丝</b>' });
    session = (
      await request(t.url)
        .post('/api/live-sessions')
        .set('Authorization', `Bearer ${anchor.tokens.accessToken}`)
        .send({ kind: 'sale', title: '春茶直播' })
    ).body as LiveSessionView;
    await request(t.url)
      .post(`/api/live-sessions/${session.id}/start`)
      .set('Authorization', `Bearer ${anchor.tokens.accessToken}`)
      .expect(200);
  });
  afterAll(async () => {
    room.closeAll();
    await t.close();
  });

  it('viewers join, chat reaches everyone in the room, HTML stays text', async () => {
    const watcher = await connect(); // no account: may watch, may not chat
    const chatter = await connect(fan.tokens.accessToken);
    const joined = await call<RoomSnapshot>(watcher, 'joinRoom', { sessionId: session.id });
    expect(joined).toMatchObject({
      ok: true,
      data: { sessionId: session.id, status: 'live', recentChat: [] },
    });
    await call(chatter, 'joinRoom', { sessionId: session.id });

    const seen = next<ChatMessageView>(watcher, 'chatMessage');
    const sent = await call<ChatMessageView>(chatter, 'sendChat', {
      sessionId: session.id,
      text: '  还有500克的吗？<script>x</script> ',
    });
    expect(sent.ok).toBe(true);
    const msg = await seen;
    expect(msg).toMatchObject({
      sessionId: session.id,
      text: '还有500克的吗？<script>x</script>',
      user: { id: fan.user.id, displayName: '<b>粉丝</b>' },
    });

    const anon = await call(watcher, 'sendChat', { sessionId: session.id, text: 'hi' });
    expect(anon).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });

    // a late joiner gets the recent chat in the snapshot
    const late = await connect();
    const snap = await call<RoomSnapshot>(late, 'joinRoom', { sessionId: session.id });
    expect(snap.ok && snap.data.recentChat.map((m) => m.id)).toEqual([msg.id]);
  });

  it('bad messages get an error acknowledgement and the room carries on', async () => {
    const s = await connect(fan.tokens.accessToken);
    await call(s, 'joinRoom', { sessionId: session.id });
    const bad = await call(s, 'sendChat', { sessionId: 'not-a-uuid', text: 'x', extra: 1 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('VALIDATION_FAILED');
    const tooLong = await call(s, 'sendChat', { sessionId: session.id, text: '长'.repeat(201) });
    expect(!tooLong.ok && tooLong.error.code).toBe('VALIDATION_FAILED');
    const unknown = await call(s, 'joinRoom', { sessionId: '00000000-0000-4000-8000-000000000000' });
    expect(!unknown.ok && unknown.error.code).toBe('ROOM_NOT_FOUND');
    const fine = await call(s, 'sendChat', { sessionId: session.id, text: '好' });
    expect(fine.ok).toBe(true);
  });

  it('a refused access token is answered with authError; the socket stays as an anonymous watcher', async () => {
    const s = room.open('forged.access.token');
    // listening before the handshake completes: the gateway answers while accepting the socket
    const refused = next<Parameters<LiveRoomServerEvents['authError']>[0]>(s, 'authError');
    expect(await refused).toEqual({ code: 'AUTH_TOKEN_INVALID' });
    expect(s.connected).toBe(true);
    const joined = await call<RoomSnapshot>(s, 'joinRoom', { sessionId: session.id });
    expect(joined.ok).toBe(true);
    const chat = await call(s, 'sendChat', { sessionId: session.id, text: '你好' });
    expect(!chat.ok && chat.error.code).toBe('UNAUTHENTICATED');
  });

  it('chat is rate-limited per person', async () => {
    const spammer = await signUp(t, { roles: ['viewer'] });
    const s = await connect(spammer.tokens.accessToken);
    const results: Array<Ack<ChatMessageView>> = [];
    for (let i = 0; i < 7; i++)
      results.push(await call<ChatMessageView>(s, 'sendChat', { sessionId: session.id, text: `msg ${i}` }));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.slice(5).map((r) => !r.ok && r.error.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('likes are batched into one total for everyone', async () => {
    const a = await connect();
    const b = await connect();
    await call(a, 'joinRoom', { sessionId: session.id });
    await call(b, 'joinRoom', { sessionId: session.id });
    // taps from two viewers may land in one flush or two; the totals only ever rise to 42
    const totals: number[] = [];
    const reached = new Promise<void>((resolve) =>
      b.on('likes', (e: { total: number }) => {
        totals.push(e.total);
        if (e.total >= 42) resolve();
      }),
    );
    await call(a, 'like', { sessionId: session.id, count: 30 });
    await call(b, 'like', { sessionId: session.id, count: 12 });
    await reached;
    expect(totals[totals.length - 1]).toBe(42);
    expect([...totals].sort((x, y) => x - y)).toEqual(totals);
    const over = await call(a, 'like', { sessionId: session.id, count: 10_000 });
    expect(over.ok).toBe(false);
  });

  it('the media server report becomes one viewerCount message for the room', async () => {
    const s = await connect();
    await call(s, 'joinRoom', { sessionId: session.id });
    const count = next<{ viewers: number }>(s, 'viewerCount');
    await request(t.url)
      .post(`/api/internal/live-sessions/${session.id}/report`)
      .set('x-internal-secret', t.cfg.internalSecret)
      .send({ viewersNow: 123, peakViewers: 150, attendance: [] })
      .expect(204);
    expect((await count).viewers).toBe(123);
  });
});
