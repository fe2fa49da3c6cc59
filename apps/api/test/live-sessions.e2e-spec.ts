import request from 'supertest';
import jwt from 'jsonwebtoken';
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type {
  AuthResponse,
  LiveSessionStateResponse,
  LiveSessionView,
  ReplayUploadResponse,
  RoomTokenResponse,
} from '@app/contracts';
import { ReplaySweeper } from '@app/live';
import { ObjectStorage } from '@app/storage';
import { TestApp } from '@app/testing';
import { signUp, startApi } from './support';

/**
 * The media server, reduced to the one route the api calls on it. A stand-in on purpose: what the
 * api sends is the boundary under test; the real media server answering it (and recording only
 * the live time) is apps/media/test/recording.e2e-spec.ts.
 */
async function standInMedia(): Promise<{
  url: string;
  calls: Array<{ method: string; path: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}> {
  const calls: Array<{ method: string; path: string; headers: IncomingHttpHeaders }> = [];
  const server: Server = createServer((req, res) => {
    calls.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    req.resume().on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('live sessions: schedule, go live, room tokens, media reports', () => {
  let t: TestApp;
  let media: Awaited<ReturnType<typeof standInMedia>>;
  let anchor: AuthResponse;
  let viewer: AuthResponse;
  const auth = (a: AuthResponse): [string, string] => ['Authorization', `Bearer ${a.tokens.accessToken}`];

  beforeAll(async () => {
    media = await standInMedia();
    t = await startApi({
      TURN_URLS: 'turn:127.0.0.1:3478?transport=udp',
      TURN_SECRET: 'turn-secret-for-tests',
      MEDIA_INTERNAL_URL: media.url,
    });
    anchor = await signUp(t, { roles: ['anchor'], displayName: '面条王阿姨' });
    viewer = await signUp(t, { roles: ['viewer'] });
  });
  afterAll(async () => {
    await t.close();
    await media.close();
  });

  async function poll(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function createSale(record = false): Promise<LiveSessionView> {
    const res = await request(t.url)
      .post('/api/live-sessions')
      .set(...auth(anchor))
      .send({
        kind: 'sale',
        title: '手工挂面 限时秒杀',
        scheduledStart: new Date(Date.now() + 3600_000).toISOString(),
        record,
      });
    expect(res.status).toBe(201);
    return res.body as LiveSessionView;
  }

  it('an anchor schedules a sale and goes live; the host gets a host token, others a viewer token', async () => {
    const s = await createSale();
    expect(s).toMatchObject({
      kind: 'sale',
      status: 'scheduled',
      host: { id: anchor.user.id, displayName: '面条王阿姨' },
    });

    // before it is live, viewers are turned away but the host may preview
    const early = await request(t.url)
      .post(`/api/live-sessions/${s.id}/room-token`)
      .set(...auth(viewer));
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('ROOM_CLOSED');
    const preview = await request(t.url)
      .post(`/api/live-sessions/${s.id}/room-token`)
      .set(...auth(anchor));
    expect(preview.status).toBe(200);

    const started = await request(t.url)
      .post(`/api/live-sessions/${s.id}/start`)
      .set(...auth(anchor));
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('live');

    const hostToken = (
      await request(t.url)
        .post(`/api/live-sessions/${s.id}/room-token`)
        .set(...auth(anchor))
    ).body as RoomTokenResponse;
    const claims = jwt.verify(
      hostToken.token,
      process.env.ROOM_TOKEN_SECRET ?? t.cfg.auth.roomTokenSecret,
    ) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: anchor.user.id, room: s.id, role: 'host', name: '面条王阿姨' });
    expect(claims.exp! - claims.iat!).toBe(t.cfg.auth.roomTokenTtl);
    expect(hostToken.mediaPath).toBe('/media-io');

    // TURN credentials in coturn's use-auth-secret scheme
    const ice = hostToken.iceServers[0];
    expect(ice.urls).toEqual(['turn:127.0.0.1:3478?transport=udp']);
    expect(ice.username).toMatch(new RegExp(`^\\d+:${anchor.user.id}$`));
    expect(ice.credential).toBe(
      createHmac('sha1', 'turn-secret-for-tests').update(ice.username!).digest('base64'),
    );

    const viewerToken = (
      await request(t.url)
        .post(`/api/live-sessions/${s.id}/room-token`)
        .set(...auth(viewer))
    ).body as RoomTokenResponse;
    // a signed-in viewer may be brought on stage by the host; the api says so in the token
    expect(jwt.decode(viewerToken.token)).toMatchObject({ sub: viewer.user.id, role: 'viewer', stage: true });
    expect((jwt.decode(hostToken.token) as jwt.JwtPayload).stage).toBeUndefined();

    // anyone may watch a sale without an account
    const anon = await request(t.url).post(`/api/live-sessions/${s.id}/room-token`);
    expect(anon.status).toBe(200);
    expect(jwt.decode(anon.body.token)).toMatchObject({
      role: 'viewer',
      sub: expect.stringMatching(/^anon:/),
    });
    // …but cannot be brought on stage
    expect((jwt.decode(anon.body.token) as jwt.JwtPayload).stage).toBeUndefined();

    const listed = await request(t.url).get('/api/live-sessions?status=live');
    expect((listed.body as LiveSessionView[]).map((x) => x.id)).toContain(s.id);
  });

  it('only the host starts or ends; illegal transitions answer SESSION_STATE_INVALID', async () => {
    const s = await createSale();
    const notHost = await request(t.url)
      .post(`/api/live-sessions/${s.id}/start`)
      .set(...auth(viewer));
    expect(notHost.status).toBe(403);
    await request(t.url)
      .post(`/api/live-sessions/${s.id}/start`)
      .set(...auth(anchor))
      .expect(200);
    const again = await request(t.url)
      .post(`/api/live-sessions/${s.id}/start`)
      .set(...auth(anchor));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SESSION_STATE_INVALID');
    const ended = await request(t.url)
      .post(`/api/live-sessions/${s.id}/end`)
      .set(...auth(anchor));
    expect(ended.body.status).toBe('ended');
    const token = await request(t.url)
      .post(`/api/live-sessions/${s.id}/room-token`)
      .set(...auth(anchor));
    expect(token.body.code).toBe('ROOM_CLOSED');
  });

  it('a viewer cannot create sessions, and a class needs an instructor', async () => {
    const bad = await request(t.url)
      .post('/api/live-sessions')
      .set(...auth(viewer))
      .send({ kind: 'sale', title: 'x' });
    expect(bad.status).toBe(403);
    const cls = await request(t.url)
      .post('/api/live-sessions')
      .set(...auth(anchor))
      .send({ kind: 'class', title: 'x' });
    expect(cls.status).toBe(403);
    const past = await request(t.url)
      .post('/api/live-sessions')
      .set(...auth(anchor))
      .send({ kind: 'sale', title: 'x', scheduledStart: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.details[0].field).toBe('scheduledStart');
  });

  it('a program admin observes a live class only when asking to; others, and sales, are refused', async () => {
    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    /** grants a role the sign-up cannot, then signs in again so the access token carries it */
    const promote = async (role: string): Promise<AuthResponse> => {
      const who = await signUp(t, { roles: ['viewer'], displayName: role });
      await pg.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [who.user.id, role]);
      return (await request(t.url).post('/api/auth/refresh').send({ refreshToken: who.tokens.refreshToken }))
        .body as AuthResponse;
    };
    const [instructor, programAdmin, admin] = [
      await promote('instructor'),
      await promote('program_admin'),
      await promote('admin'),
    ];
    await pg.end();
    const cls = (
      await request(t.url)
        .post('/api/live-sessions')
        .set(...auth(instructor))
        .send({ kind: 'class', title: '直播课：话术入门' })
        .expect(201)
    ).body as LiveSessionView;
    const token = (who: AuthResponse | null, body?: object, id = cls.id) => {
      const req = request(t.url).post(`/api/live-sessions/${id}/room-token`);
      if (who) req.set(...auth(who));
      return body ? req.send(body) : req;
    };

    // not before it is live, even for an observer
    expect((await token(programAdmin, { observe: true })).body.code).toBe('ROOM_CLOSED');
    await request(t.url)
      .post(`/api/live-sessions/${cls.id}/start`)
      .set(...auth(instructor))
      .expect(200);

    for (const who of [programAdmin, admin]) {
      const res = await token(who, { observe: true });
      expect(res.status).toBe(200);
      expect(res.body.role).toBe('observer');
      const claims = jwt.decode(res.body.token) as jwt.JwtPayload;
      expect(claims).toMatchObject({ sub: who.user.id, room: cls.id, role: 'observer' });
      expect(claims.stage).toBeUndefined();
    }
    // never implied: without the flag an admin is a viewer like anyone
    expect(jwt.decode((await token(programAdmin)).body.token)).toMatchObject({ role: 'viewer', stage: true });

    const plain = await token(viewer, { observe: true });
    expect(plain.status).toBe(403);
    expect(plain.body.code).toBe('FORBIDDEN');
    expect((await token(null, { observe: true })).status).toBe(401);
    expect((await token(instructor, { observe: true })).status).toBe(403);
    expect((await token(programAdmin, { observe: 'yes' })).body.code).toBe('VALIDATION_FAILED');
    expect((await token(programAdmin, { sneaky: true })).status).toBe(400);

    // a sale is not observed
    const sale = await createSale();
    await request(t.url)
      .post(`/api/live-sessions/${sale.id}/start`)
      .set(...auth(anchor))
      .expect(200);
    const onSale = await token(programAdmin, { observe: true }, sale.id);
    expect(onSale.status).toBe(403);
    expect(onSale.body.code).toBe('FORBIDDEN');
  });

  it('media reports viewers and attendance through the internal route; a wrong secret is refused', async () => {
    const s = await createSale();
    await request(t.url)
      .post(`/api/live-sessions/${s.id}/start`)
      .set(...auth(anchor))
      .expect(200);
    const joinedAt = new Date(Date.now() - 60_000).toISOString();
    const leftAt = new Date().toISOString();
    const body = {
      viewersNow: 3,
      peakViewers: 7,
      attendance: [{ userId: viewer.user.id, role: 'viewer', joinedAt, leftAt }],
    };
    const wrong = await request(t.url)
      .post(`/api/internal/live-sessions/${s.id}/report`)
      .set('x-internal-secret', 'nope')
      .send(body);
    expect(wrong.status).toBe(401);

    const ok = await request(t.url)
      .post(`/api/internal/live-sessions/${s.id}/report`)
      .set('x-internal-secret', t.cfg.internalSecret)
      .send(body);
    expect(ok.status).toBe(204);
    // a later, lower peak does not lower the recorded one
    await request(t.url)
      .post(`/api/internal/live-sessions/${s.id}/report`)
      .set('x-internal-secret', t.cfg.internalSecret)
      .send({ viewersNow: 1, peakViewers: 2, attendance: [] })
      .expect(204);
    const view = (await request(t.url).get(`/api/live-sessions/${s.id}`)).body as LiveSessionView;
    expect(view).toMatchObject({ viewersNow: 1, peakViewers: 7 });

    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    const rows = await pg.query(
      'SELECT user_id, role, left_at - joined_at AS d FROM live_attendance WHERE session_id = $1',
      [s.id],
    );
    await pg.end();
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ user_id: viewer.user.id, role: 'viewer' });

    // observers are never reported: such an interval is refused
    const observed = await request(t.url)
      .post(`/api/internal/live-sessions/${s.id}/report`)
      .set('x-internal-secret', t.cfg.internalSecret)
      .send({ ...body, attendance: [{ ...body.attendance[0], role: 'observer' }] });
    expect(observed.status).toBe(400);

    // the room ended on the media side (host gone past the grace period)
    await request(t.url)
      .post(`/api/internal/live-sessions/${s.id}/report`)
      .set('x-internal-secret', t.cfg.internalSecret)
      .send({ viewersNow: 0, peakViewers: 7, attendance: [], ended: true })
      .expect(204);
    expect((await request(t.url).get(`/api/live-sessions/${s.id}`)).body.status).toBe('ended');
  });

  it('a studio preview whose room closes on the media side leaves the session scheduled', async () => {
    const s = await createSale();
    const roomEnded = (id: string): request.Test =>
      request(t.url)
        .post(`/api/internal/live-sessions/${id}/report`)
        .set('x-internal-secret', t.cfg.internalSecret)
        .send({ viewersNow: 0, peakViewers: 1, attendance: [], ended: true });
    await roomEnded(s.id).expect(204);
    expect((await request(t.url).get(`/api/live-sessions/${s.id}`)).body.status).toBe('scheduled');
    // the host can still go live, and a cancelled session stays cancelled whatever media says
    await request(t.url)
      .post(`/api/live-sessions/${s.id}/start`)
      .set(...auth(anchor))
      .expect(200);
    const other = await createSale();
    await request(t.url)
      .post(`/api/live-sessions/${other.id}/end`)
      .set(...auth(anchor))
      .expect(200);
    await roomEnded(other.id).expect(204);
    expect((await request(t.url).get(`/api/live-sessions/${other.id}`)).body.status).toBe('cancelled');
  });

  it('the media server is told when a session goes live or ends, and asks the api where it stands', async () => {
    const s = await createSale(true);
    const changed = `/internal/rooms/${s.id}/session-changed`;
    const state = (secret = t.cfg.internalSecret) =>
      request(t.url).get(`/api/internal/live-sessions/${s.id}/state`).set('x-internal-secret', secret);
    expect((await state('nope')).status).toBe(401);
    expect((await state().expect(200)).body).toEqual({ status: 'scheduled', startedAt: null, endedAt: null });

    await request(t.url)
      .post(`/api/live-sessions/${s.id}/start`)
      .set(...auth(anchor))
      .expect(200);
    // after the commit: what the media server then reads is already `live`
    await poll(() => media.calls.filter((c) => c.path === changed).length === 1, 'the go-live call');
    const call = media.calls.find((c) => c.path === changed)!;
    expect(call.method).toBe('POST');
    expect(call.headers['x-internal-secret']).toBe(t.cfg.internalSecret);
    const live = (await state().expect(200)).body as LiveSessionStateResponse;
    expect(live.status).toBe('live');
    expect(Date.parse(live.startedAt!)).toBeGreaterThan(Date.now() - 60_000);

    await request(t.url)
      .post(`/api/live-sessions/${s.id}/end`)
      .set(...auth(anchor))
      .expect(200);
    await poll(() => media.calls.filter((c) => c.path === changed).length === 2, 'the end call');
    const ended = (await state().expect(200)).body as LiveSessionStateResponse;
    expect(ended).toMatchObject({ status: 'ended', startedAt: live.startedAt });
    expect(Date.parse(ended.endedAt!)).toBeGreaterThanOrEqual(Date.parse(live.startedAt!));

    const unknown = await request(t.url)
      .get('/api/internal/live-sessions/00000000-0000-4000-8000-000000000000/state')
      .set('x-internal-secret', t.cfg.internalSecret);
    expect(unknown.status).toBe(404);
  });

  describe('replays', () => {
    const internal = (path: string) =>
      request(t.url)
        .post(`/api/internal/live-sessions/${path}`)
        .set('x-internal-secret', t.cfg.internalSecret);

    async function liveRecorded(): Promise<LiveSessionView> {
      const s = await createSale(true);
      await request(t.url)
        .post(`/api/live-sessions/${s.id}/start`)
        .set(...auth(anchor))
        .expect(200);
      return s;
    }
    async function end(id: string): Promise<LiveSessionView> {
      return (
        await request(t.url)
          .post(`/api/live-sessions/${id}/end`)
          .set(...auth(anchor))
          .expect(200)
      ).body as LiveSessionView;
    }
    /** What the media server does with a recording: upload it through the presigned URL. */
    async function putReplay(id: string, body?: Buffer): Promise<Buffer> {
      const target = (await internal(`${id}/replay-upload`).send({}).expect(200))
        .body as ReplayUploadResponse;
      const file = body ?? Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(60, 1)]);
      const url = target.url.startsWith('/') ? `${t.url}${target.url}` : target.url;
      const put = await fetch(url, { method: 'PUT', headers: target.headers, body: file });
      expect(put.status).toBe(200);
      return file;
    }
    /** …and after a good recording, tells the api it is complete. */
    async function uploadReplay(id: string): Promise<void> {
      const webm = await putReplay(id);
      await internal(`${id}/replay-complete`).send({ durationMs: 5000, size: webm.length }).expect(204);
    }
    const replayOf = async (id: string) =>
      ((await request(t.url).get(`/api/live-sessions/${id}`)).body as LiveSessionView).replay;

    it('the media server reports a failed replay: it becomes failed, never overrides a ready one', async () => {
      const s = await liveRecorded();
      expect((await internal(`${s.id}/replay-failed`).set('x-internal-secret', 'nope').send({})).status).toBe(
        401,
      );
      const invalid = await internal(`${s.id}/replay-failed`).send({ stage: 'later', reason: 'x' });
      expect(invalid.status).toBe(400);

      // ffmpeg died while the session was still live: failed, and ending it keeps it failed
      await internal(`${s.id}/replay-failed`).send({ stage: 'record', reason: 'ffmpeg exited' }).expect(204);
      expect(await replayOf(s.id)).toEqual({ available: false, durationMs: null, status: 'failed' });
      expect((await end(s.id)).replay.status).toBe('failed');
      const none = await request(t.url).get(`/api/live-sessions/${s.id}/replay`);
      expect(none.status).toBe(404);

      // after the end (processing): the upload was refused
      const other = await liveRecorded();
      expect((await end(other.id)).replay.status).toBe('processing');
      await internal(`${other.id}/replay-failed`).send({ stage: 'upload', reason: 'PUT 403' }).expect(204);
      expect((await replayOf(other.id)).status).toBe('failed');

      // a late report does not hide a replay that is ready
      const good = await liveRecorded();
      await end(good.id);
      await uploadReplay(good.id);
      await internal(`${good.id}/replay-failed`).send({ stage: 'upload', reason: 'late' }).expect(204);
      expect(await replayOf(good.id)).toEqual({ available: true, durationMs: 5000, status: 'ready' });

      // a session that is not recorded has no replay to fail
      const plain = await createSale(false);
      const refused = await internal(`${plain.id}/replay-failed`).send({ stage: 'record', reason: 'x' });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('SESSION_STATE_INVALID');
    });

    it('gives up on a replay nobody delivers, long after the end; a recent one is left to finish', async () => {
      const stale = await liveRecorded();
      const recent = await liveRecorded();
      for (const s of [stale, recent]) expect((await end(s.id)).replay.status).toBe('processing');
      const pg = new Client({ connectionString: t.db.url });
      await pg.connect();
      // the media server lost this room: it ended three hours ago and nothing was reported since
      await pg.query(`UPDATE live_sessions SET ended_at = now() - interval '3 hours' WHERE id = $1`, [
        stale.id,
      ]);
      await pg.end();
      const given = await t.app.get(ReplaySweeper).sweep();
      expect(given).toContain(stale.id);
      expect(given).not.toContain(recent.id);
      expect(await replayOf(stale.id)).toEqual({ available: false, durationMs: null, status: 'failed' });
      expect((await replayOf(recent.id)).status).toBe('processing');
      // a second sweep finds nothing more to do with them
      const again = await t.app.get(ReplaySweeper).sweep();
      expect(again).not.toContain(stale.id);
      expect(again).not.toContain(recent.id);
    });

    it('a failed replay keeps nothing in storage; a ready one keeps its file whatever comes late', async () => {
      const storage = t.app.get(ObjectStorage);
      const stored = async (id: string) => (await storage.stat(`replays/${id}.webm`)) !== null;

      // uploaded, but `replay-complete` never got through: the media server reports the replay failed
      const orphan = await liveRecorded();
      await end(orphan.id);
      await putReplay(orphan.id);
      expect(await stored(orphan.id)).toBe(true);
      await internal(`${orphan.id}/replay-failed`)
        .send({ stage: 'upload', reason: 'replay-complete: 503' })
        .expect(204);
      expect((await replayOf(orphan.id)).status).toBe('failed');
      expect(await stored(orphan.id)).toBe(false);

      // not the file the media server says it uploaded
      const wrong = await liveRecorded();
      await end(wrong.id);
      await putReplay(wrong.id, Buffer.from('not a video'));
      const refused = await internal(`${wrong.id}/replay-complete`).send({ durationMs: 5000, size: 11 });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('UPLOAD_CONTENT_MISMATCH');
      expect((await replayOf(wrong.id)).status).toBe('failed');
      expect(await stored(wrong.id)).toBe(false);

      // neither `replay-complete` nor `replay-failed` got through: the sweeper gives up, and removes it
      const lost = await liveRecorded();
      await end(lost.id);
      await putReplay(lost.id);
      const pg = new Client({ connectionString: t.db.url });
      await pg.connect();
      await pg.query(`UPDATE live_sessions SET ended_at = now() - interval '3 hours' WHERE id = $1`, [
        lost.id,
      ]);
      await pg.end();
      expect(await t.app.get(ReplaySweeper).sweep()).toContain(lost.id);
      expect((await replayOf(lost.id)).status).toBe('failed');
      expect(await stored(lost.id)).toBe(false);

      // a ready replay: a late failure report changes nothing, and the file stays
      const good = await liveRecorded();
      await end(good.id);
      await uploadReplay(good.id);
      await internal(`${good.id}/replay-failed`).send({ stage: 'upload', reason: 'late' }).expect(204);
      expect((await replayOf(good.id)).status).toBe('ready');
      expect(await stored(good.id)).toBe(true);
    });

    it('lists ended sessions with a ready replay, newest end first, bounded; the query is validated', async () => {
      const older = await liveRecorded();
      await end(older.id);
      await uploadReplay(older.id);
      const pending = await liveRecorded();
      await end(pending.id); // processing: not listed
      const newer = await liveRecorded();
      await end(newer.id);
      await uploadReplay(newer.id);

      const res = await request(t.url).get('/api/live-sessions?status=ended&replay=ready').expect(200);
      const list = res.body as LiveSessionView[];
      const ids = list.map((v) => v.id);
      expect(ids).not.toContain(pending.id);
      expect(ids.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
      for (const v of list)
        expect(v).toMatchObject({ status: 'ended', replay: { status: 'ready', available: true } });
      const ends = list.map((v) => Date.parse(v.endedAt!));
      expect(ends).toEqual([...ends].sort((a, b) => b - a));

      const one = await request(t.url)
        .get('/api/live-sessions?status=ended&replay=ready&limit=1')
        .expect(200);
      expect((one.body as LiveSessionView[]).map((v) => v.id)).toEqual([newer.id]);

      for (const bad of ['replay=yes', 'limit=0', 'limit=101', 'limit=two'])
        expect((await request(t.url).get(`/api/live-sessions?status=ended&${bad}`)).status).toBe(400);
    });
  });
});
