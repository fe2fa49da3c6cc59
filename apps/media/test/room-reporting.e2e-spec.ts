import { Client } from 'pg';
import request from 'supertest';
import type { AuthResponse, LiveSessionView, PeerInfo, RoomTokenResponse } from '@app/contracts';
import { TestApp } from '@app/testing';
import { signUp, startApi } from '../../api/test/support';
import { RoomReportingService } from '../src/reporting/room-reporting.service';
import {
  produceRequest,
  RunningMediaApp,
  startMediaApp,
  TEST_ROOM_TOKEN_SECRET,
  TestPeer,
  waitFor,
} from './media-test-kit';

/**
 * Room reports into the real api and its database: room tokens from the api, signaling peers into
 * the real media app, reports over the internal route with the shared secret, rows in
 * `live_attendance`, numbers on the session.
 */
describe('room reporting into the real api', () => {
  let t: TestApp;
  let media: RunningMediaApp;
  let anchor: AuthResponse;
  let viewer: AuthResponse;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    t = await startApi({ ROOM_TOKEN_SECRET: TEST_ROOM_TOKEN_SECRET });
    media = await startMediaApp(
      { API_INTERNAL_URL: t.url, INTERNAL_SECRET: t.cfg.internalSecret },
      { reportIntervalMs: 200 },
    );
    anchor = await signUp(t, { roles: ['anchor'], displayName: '主播' });
    viewer = await signUp(t, { roles: ['viewer'], displayName: '观众' });
  });
  afterAll(async () => {
    for (const p of peers) p.close();
    await media?.app.close();
    await t?.close();
  });

  const auth = (a: AuthResponse): [string, string] => ['Authorization', `Bearer ${a.tokens.accessToken}`];
  const join = async (id: string, who: AuthResponse, send = false, observe = false): Promise<TestPeer> => {
    const { token } = (
      await request(t.url)
        .post(`/api/live-sessions/${id}/room-token`)
        .set(...auth(who))
        .send(observe ? { observe: true } : {})
        .expect(200)
    ).body as RoomTokenResponse;
    const peer = await TestPeer.connect(media.url, token);
    peers.push(peer);
    await peer.enter({ send });
    return peer;
  };
  const session = async (id: string): Promise<LiveSessionView> =>
    (await request(t.url).get(`/api/live-sessions/${id}`).expect(200)).body as LiveSessionView;

  it('a viewer’s visit lands in live_attendance, the peak on the session, and the host’s end ends it', async () => {
    const created = await request(t.url)
      .post('/api/live-sessions')
      .set(...auth(anchor))
      .send({ kind: 'sale', title: '出勤统计' })
      .expect(201);
    const id = (created.body as LiveSessionView).id;
    await request(t.url)
      .post(`/api/live-sessions/${id}/start`)
      .set(...auth(anchor))
      .expect(200);

    const host = await join(id, anchor, true);
    const watcher = await join(id, viewer);
    let live: LiveSessionView | undefined;
    const seen = async (): Promise<boolean> => (live = await session(id)).viewersNow === 1;
    for (let i = 0; i < 50 && !(await seen()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(live).toMatchObject({ viewersNow: 1, peakViewers: 1 });

    watcher.close();
    await host.ok('endRoom', {});
    const reporting = media.app.get(RoomReportingService);
    await waitFor(
      () => reporting.pending === 0 && media.sfu.rooms.get(id) === undefined,
      5000,
      'the last report',
    );

    expect(await session(id)).toMatchObject({ status: 'ended', viewersNow: 0, peakViewers: 1 });
    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    const rows = await pg.query<{ user_id: string; role: string; ms: number }>(
      `SELECT user_id, role, EXTRACT(EPOCH FROM left_at - joined_at) * 1000 AS ms
         FROM live_attendance WHERE session_id = $1 ORDER BY role`,
      [id],
    );
    await pg.end();
    expect(rows.rows.map((r) => [r.role, r.user_id])).toEqual([
      ['host', anchor.user.id],
      ['viewer', viewer.user.id],
    ]);
    for (const r of rows.rows) expect(Number(r.ms)).toBeGreaterThan(0);
  });

  it('a program admin observing a class is unseen, cannot publish, and is neither counted nor in attendance', async () => {
    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    const promote = async (role: string): Promise<AuthResponse> => {
      const who = await signUp(t, { roles: ['viewer'], displayName: role });
      await pg.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [who.user.id, role]);
      return (await request(t.url).post('/api/auth/refresh').send({ refreshToken: who.tokens.refreshToken }))
        .body as AuthResponse;
    };
    const instructor = await promote('instructor');
    const programAdmin = await promote('program_admin');
    const created = await request(t.url)
      .post('/api/live-sessions')
      .set(...auth(instructor))
      .send({ kind: 'class', title: '旁听' })
      .expect(201);
    const id = (created.body as LiveSessionView).id;
    await request(t.url)
      .post(`/api/live-sessions/${id}/start`)
      .set(...auth(instructor))
      .expect(200);

    const host = await join(id, instructor, true);
    const student = await join(id, viewer);
    const observer = await join(id, programAdmin, false, true);
    const observerPeer = [...media.sfu.rooms.get(id)!.peers.values()].find(
      (p) => p.identity.userId === programAdmin.user.id,
    )!;
    expect(observerPeer.role).toBe('observer');
    expect((await observer.expectError('produce', produceRequest('none', 'camera'))).code).toBe(
      'MEDIA_NOT_ALLOWED',
    );
    // the host is shown the student, never the observer
    const hostSees = await host.waitForEvent<PeerInfo>('peerJoined', (p) => p.userId === viewer.user.id);
    expect(hostSees.role).toBe('viewer');

    let live: LiveSessionView | undefined;
    const seen = async (): Promise<boolean> => (live = await session(id)).viewersNow === 1;
    for (let i = 0; i < 50 && !(await seen()); i++) await new Promise((r) => setTimeout(r, 100));
    // a few more reports: still one viewer with the observer in the room
    await new Promise((r) => setTimeout(r, 600));
    expect(await session(id)).toMatchObject({ viewersNow: 1, peakViewers: 1 });
    expect(live?.viewersNow).toBe(1);
    expect(
      host.events.some(
        (e) => (e.payload as { userId?: string } | undefined)?.userId === programAdmin.user.id,
      ),
    ).toBe(false);

    observer.close();
    student.close();
    await host.ok('endRoom', {});
    const reporting = media.app.get(RoomReportingService);
    await waitFor(
      () => reporting.pending === 0 && media.sfu.rooms.get(id) === undefined,
      5000,
      'the last report',
    );
    const rows = await pg.query<{ user_id: string; role: string }>(
      `SELECT user_id, role FROM live_attendance WHERE session_id = $1 ORDER BY role`,
      [id],
    );
    await pg.end();
    expect(rows.rows.map((r) => [r.role, r.user_id])).toEqual([
      ['host', instructor.user.id],
      ['viewer', viewer.user.id],
    ]);
  });
});
