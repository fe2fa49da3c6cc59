import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { AuthResponse, DownloadUrlResponse, LiveSessionView, RoomTokenResponse } from '@app/contracts';
import { TestApp } from '@app/testing';
import { signUp, startApi } from '../../api/test/support';
import { ObjectStorage } from '@app/storage';
import { ReplayService } from '../../../libs/live/src/live-session/replay.service';
import { MediaRoomNotifier } from '../../api/src/live-room/media-room.notifier';
import { RecordingService } from '../src/recording/recording.service';
import type { RoomRecorder } from '../src/recording/room-recorder';
import {
  freePort,
  processExists,
  RunningMediaApp,
  startMediaApp,
  TEST_ROOM_TOKEN_SECRET,
  TestPeer,
  waitFor,
} from './media-test-kit';
import { RtpTestSource, startRtpTestSource } from './rtp-test-source';

const run = promisify(execFile);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** how often a recorder asks the api where its session stands (the fallback for a lost poke) */
const SESSION_CHECK_MS = 4000;

async function poll<T>(
  get: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Probe {
  format: { duration: string; format_name: string };
  streams: Array<{ codec_type: string; codec_name: string }>;
}

/**
 * The acceptance point of recording: a 10 s session yields a replay in storage whose duration
 * (ffprobe) is 10 s ± 1 s. Real at every step: the api on a fresh database, the S3-protocol server
 * (s3rver, which checks no signatures, so a presigned URL is accepted as issued), the media app
 * with a real worker, ffmpeg recording through PlainTransports, the upload through a presigned
 * URL, ffprobe. The media source is ffmpeg (testsrc + sine as RTP) attached to the host on the
 * server (rtp-test-source.ts): a browser would add nothing this test measures.
 */
describe('recording a live session (real api, storage, worker, ffmpeg)', () => {
  let t: TestApp;
  let media: RunningMediaApp;
  let anchor: AuthResponse;
  let source: RtpTestSource | undefined;
  let host: TestPeer | undefined;
  let workDir: string;

  /** the later tests' hosts and their ffmpeg sources (an encoder left running slows the next test) */
  const extraPeers: TestPeer[] = [];
  const extraSources: RtpTestSource[] = [];

  beforeAll(async () => {
    // each side needs the other's address: the media port is picked first, the api told of it
    const mediaPort = await freePort();
    t = await startApi({
      ROOM_TOKEN_SECRET: TEST_ROOM_TOKEN_SECRET,
      MEDIA_INTERNAL_URL: `http://127.0.0.1:${mediaPort}`,
    });
    media = await startMediaApp(
      {
        API_INTERNAL_URL: t.url,
        INTERNAL_SECRET: t.cfg.internalSecret,
        // below the other tests' 20000+ (recording ports: base + workers + 10000, see recording-ports.ts)
        MEDIA_RTC_PORT_BASE: String(3000 + Math.floor(Math.random() * 500) * 10),
      },
      { reportIntervalMs: 500, recordingKeyFrameIntervalMs: 2000, sessionCheckIntervalMs: SESSION_CHECK_MS },
      mediaPort,
    );
    anchor = await signUp(t, { roles: ['anchor'], displayName: '录播主播' });
    workDir = await mkdtemp(join(tmpdir(), 'recording-e2e-'));
  });
  afterAll(async () => {
    await media?.app.close();
    await t?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    host?.close();
    host = undefined;
    await source?.close();
    source = undefined;
    for (const p of extraPeers.splice(0)) p.close();
    for (const s of extraSources.splice(0)) await s.close();
  });

  const auth = (): [string, string] => ['Authorization', `Bearer ${anchor.tokens.accessToken}`];

  const createRecorded = async (title: string): Promise<string> =>
    (
      (
        await request(t.url)
          .post('/api/live-sessions')
          .set(...auth())
          .send({ kind: 'sale', title, record: true })
          .expect(201)
      ).body as LiveSessionView
    ).id;
  const goLive = async (id: string): Promise<void> => {
    await request(t.url)
      .post(`/api/live-sessions/${id}/start`)
      .set(...auth())
      .expect(200);
  };
  const roomToken = async (id: string): Promise<RoomTokenResponse> =>
    (
      await request(t.url)
        .post(`/api/live-sessions/${id}/room-token`)
        .set(...auth())
        .expect(200)
    ).body as RoomTokenResponse;

  it('a 10 s session yields a 10 s ± 1 s WebM replay (VP8 + opus), and no ffmpeg is left behind', async () => {
    const id = await createRecorded('录制测试');
    await goLive(id);
    const token = await roomToken(id);

    host = await TestPeer.connect(media.url, token.token);
    await host.enter({ send: true });
    const room = media.sfu.rooms.get(id)!;
    const hostPeer = [...room.peers.values()].find((p) => p.role === 'host')!;
    expect(hostPeer.identity.record).toBe(true);

    source = await startRtpTestSource(room.routerList[0].router, hostPeer.id);
    const t0 = Date.now();
    await room.attachProducer(hostPeer, source.audio);
    await room.attachProducer(hostPeer, source.video);
    const recorder = media.app.get(RecordingService).recordersOf(id)[0];
    await waitFor(() => recorder.state === 'recording', 10_000, 'the recording to start');
    const startMs = Date.now() - t0;
    const ffmpegPid = recorder.ffmpegPid!;
    const file = recorder.file!;
    expect(processExists(ffmpegPid)).toBe(true);

    // Not a stand-in: the api's own handler runs; the spy only notes whether the temp folder was
    // still there at the moment the api was told the replay is complete.
    const replays = t.app.get(ReplayService);
    const complete = replays.complete.bind(replays);
    const tempLeftWhenTold: boolean[] = [];
    jest.spyOn(replays, 'complete').mockImplementation((sessionId, dto) => {
      if (sessionId === id) tempLeftWhenTold.push(existsSync(dirname(file)));
      return complete(sessionId, dto);
    });

    await new Promise((r) => setTimeout(r, 10_000));
    const t1 = Date.now();
    await host.ok('endRoom', {});

    const view = await poll(
      async () => (await request(t.url).get(`/api/live-sessions/${id}`)).body as LiveSessionView,
      (v) => v.replay.status === 'ready' && v.status === 'ended',
      30_000,
      'the replay to be ready and the session ended',
    );
    const readyMs = Date.now() - t1;

    expect(processExists(ffmpegPid)).toBe(false);
    // the recorder deletes its temp folder before it tells the api the replay is complete
    expect(tempLeftWhenTold).toEqual([false]);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(dirname(file))).toBe(false);

    const replay = (await request(t.url).get(`/api/live-sessions/${id}/replay`).expect(200))
      .body as DownloadUrlResponse;
    const url = replay.url.startsWith('/') ? `${t.url}${replay.url}` : replay.url;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    // a <video> seeks with Range requests: the api's /s3 proxy passes them through
    const part = await fetch(url, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toMatch(/^bytes 100-199\/\d+$/);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    const downloaded = join(workDir, 'replay.webm');
    await writeFile(downloaded, Buffer.from(await res.arrayBuffer()));
    const { stdout } = await run('ffprobe', [
      ...['-v', 'error', '-show_entries', 'format=duration,format_name:stream=codec_type,codec_name'],
      ...['-of', 'json', downloaded],
    ]);
    const probe = JSON.parse(stdout) as Probe;
    const duration = Number(probe.format.duration);
    console.log(
      `recording: started ${startMs} ms after the producers, replay ready ${readyMs} ms after the end; ` +
        `duration ${duration} s (api: ${view.replay.durationMs} ms)`,
    );
    expect(view.replay.durationMs).toBe(Math.round(duration * 1000));
    expect(duration).toBeGreaterThanOrEqual(9);
    expect(duration).toBeLessThanOrEqual(11);
    expect(probe.format.format_name).toContain('webm');
    expect(probe.streams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ codec_type: 'video', codec_name: 'vp8' }),
        expect.objectContaining({ codec_type: 'audio', codec_name: 'opus' }),
      ]),
    );
  });

  it('a refused upload makes the replay failed (not processing forever), and leaves nothing behind', async () => {
    const id = await createRecorded('上传失败测试');
    await goLive(id);
    // The one stand-in: the api hands out an upload URL its own /s3 proxy refuses (a bad
    // signature, 403), as storage would refuse an expired or wrong link. Everything else is real.
    const replays = t.app.get(ReplayService);
    const refusing = jest.spyOn(replays, 'uploadUrl').mockResolvedValueOnce({
      url: `/s3/${t.cfg.storage.bucket}/${ReplayService.objectKey(id)}?X-Amz-Signature=0`,
      headers: { 'Content-Type': 'video/webm' },
    });
    const token = await roomToken(id);
    const peer = await TestPeer.connect(media.url, token.token);
    let rtp: RtpTestSource | undefined;
    try {
      await peer.enter({ send: true });
      const room = media.sfu.rooms.get(id)!;
      const hostPeer = [...room.peers.values()].find((p) => p.role === 'host')!;
      rtp = await startRtpTestSource(room.routerList[0].router, hostPeer.id);
      await room.attachProducer(hostPeer, rtp.audio);
      await room.attachProducer(hostPeer, rtp.video);
      const recorder = media.app.get(RecordingService).recordersOf(id)[0];
      await waitFor(() => recorder.state === 'recording', 10_000, 'the recording to start');
      const ffmpegPid = recorder.ffmpegPid!;
      const file = recorder.file!;
      // enough of a recording that ffprobe reads it, so what fails is the upload, not the file
      // (on a busy machine the first key frame, and with it the first bytes, can take a while)
      await waitFor(() => existsSync(file) && statSync(file).size > 50_000, 20_000, 'the recording to grow');
      await peer.ok('endRoom', {});

      const view = await poll(
        async () => (await request(t.url).get(`/api/live-sessions/${id}`)).body as LiveSessionView,
        (v) => v.replay.status === 'failed' && v.status === 'ended',
        30_000,
        'the replay to be failed and the session ended',
      );
      expect(view.replay).toEqual({ available: false, durationMs: null, status: 'failed' });
      expect(refusing).toHaveBeenCalledTimes(1);
      expect(recorder.state).toBe('failed');
      expect(processExists(ffmpegPid)).toBe(false);
      expect(existsSync(file)).toBe(false);
      expect(existsSync(dirname(file))).toBe(false);
      await request(t.url).get(`/api/live-sessions/${id}/replay`).expect(404);
    } finally {
      refusing.mockRestore();
      peer.close();
      await rtp?.close();
    }
  });

  // ---- going live after a preview, and what is left in storage -----------------------------------

  const endSession = async (id: string): Promise<void> => {
    await request(t.url)
      .post(`/api/live-sessions/${id}/end`)
      .set(...auth())
      .expect(200);
  };
  const sessionView = async (id: string): Promise<LiveSessionView> =>
    (await request(t.url).get(`/api/live-sessions/${id}`).expect(200)).body as LiveSessionView;
  const replayDone = (id: string, status: 'ready' | 'failed'): Promise<LiveSessionView> =>
    poll(
      () => sessionView(id),
      (v) => v.replay.status === status && v.status === 'ended',
      40_000,
      `the replay to be ${status} and the session ended`,
    );

  /** The host's peer (a room token asked for now: before going live, that is the studio preview) with an ffmpeg camera and mic. */
  async function publishingHost(id: string): Promise<{ peer: TestPeer; recorder: () => RoomRecorder }> {
    const token = await roomToken(id);
    const peer = await TestPeer.connect(media.url, token.token);
    extraPeers.push(peer);
    await peer.enter({ send: true });
    const room = media.sfu.rooms.get(id)!;
    const hostPeer = [...room.peers.values()].find((p) => p.role === 'host')!;
    const rtp = await startRtpTestSource(room.routerList[0].router, hostPeer.id);
    extraSources.push(rtp);
    await room.attachProducer(hostPeer, rtp.audio);
    await room.attachProducer(hostPeer, rtp.video);
    return { peer, recorder: () => media.app.get(RecordingService).recordersOf(id)[0] };
  }

  async function probeReplay(id: string): Promise<Probe> {
    const replay = (await request(t.url).get(`/api/live-sessions/${id}/replay`).expect(200))
      .body as DownloadUrlResponse;
    const url = replay.url.startsWith('/') ? `${t.url}${replay.url}` : replay.url;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const downloaded = join(workDir, `${id}.webm`);
    await writeFile(downloaded, Buffer.from(await res.arrayBuffer()));
    const { stdout } = await run('ffprobe', [
      ...['-v', 'error', '-show_entries', 'format=duration,format_name:stream=codec_type,codec_name'],
      ...['-of', 'json', downloaded],
    ]);
    return JSON.parse(stdout) as Probe;
  }

  it('a host who previews before going live gets a replay of the live time only, not of the preview', async () => {
    const PREVIEW_MS = 6000;
    const LIVE_MS = 10_000;
    const AFTER_END_MS = 3000;
    const id = await createRecorded('预览后开播');
    // the studio preview: the host's camera and mic are in the room while the session is scheduled
    const { peer, recorder } = await publishingHost(id);
    await sleep(PREVIEW_MS);
    const inPreview = { state: recorder()?.state, ffmpeg: recorder()?.ffmpegPid };

    await goLive(id);
    const wentLive = Date.now();
    await waitFor(() => recorder()?.state === 'recording', 10_000, 'the recording to start');
    const lagMs = Date.now() - wentLive;
    await sleep(LIVE_MS);
    // the api ends the session; the room (and the host's camera) stays a little longer
    await endSession(id);
    await sleep(AFTER_END_MS);
    await peer.ok('endRoom', {});

    const view = await replayDone(id, 'ready');
    const probe = await probeReplay(id);
    const durationMs = Number(probe.format.duration) * 1000;
    const liveMs = Date.parse(view.endedAt!) - Date.parse(view.startedAt!);
    console.log(
      `preview then live: recording ${lagMs} ms after going live; live ${liveMs} ms, ` +
        `replay ${durationMs} ms (api: ${view.replay.durationMs} ms)`,
    );
    // never longer than the live time: with the preview (6 s) or the time after the end (3 s) in
    // it, the replay would be that much longer. Shorter by the time ffmpeg takes to start.
    expect(durationMs).toBeLessThanOrEqual(liveMs + 1500);
    expect(durationMs).toBeGreaterThanOrEqual(liveMs - 3000);
    expect(view.replay.durationMs).toBe(Math.round(durationMs));
    expect(inPreview).toEqual({ state: 'idle', ffmpeg: undefined });
  });

  it('media that never hears the session went live asks the api, and records it anyway', async () => {
    const id = await createRecorded('开播通知丢失');
    const { peer, recorder } = await publishingHost(id);
    // the api's call to the media server is lost (media restarting, a network blip)
    const notifier = t.app.get(MediaRoomNotifier);
    const lost = jest.spyOn(notifier, 'sessionChanged').mockResolvedValue(undefined);
    await sleep(500);
    expect(recorder().state).toBe('idle');

    await goLive(id);
    const wentLive = Date.now();
    await waitFor(() => recorder().state === 'recording', SESSION_CHECK_MS + 6000, 'the recording to start');
    const lagMs = Date.now() - wentLive;
    expect(lost).toHaveBeenCalledWith(id);
    lost.mockRestore();
    // enough of a recording that ffprobe reads it (on a busy machine the first bytes take a while)
    const file = recorder().file!;
    await waitFor(() => existsSync(file) && statSync(file).size > 50_000, 30_000, 'the recording to grow');
    await peer.ok('endRoom', {});
    const view = await replayDone(id, 'ready');
    console.log(`lost call: recording ${lagMs} ms after going live; replay ${view.replay.durationMs} ms`);
    expect(view.replay.durationMs).toBeGreaterThan(1000);
  });

  it('the route the api calls is guarded by the internal secret; a room this server does not hold is no error', async () => {
    const call = (room: string, secret?: string): Promise<Response> =>
      fetch(`${media.url}/internal/rooms/${room}/session-changed`, {
        method: 'POST',
        headers: secret === undefined ? {} : { 'x-internal-secret': secret },
      });
    expect((await call(randomUUID())).status).toBe(401);
    expect((await call(randomUUID(), 'x'.repeat(t.cfg.internalSecret.length))).status).toBe(401);
    expect((await call(randomUUID(), t.cfg.internalSecret)).status).toBe(204);
    expect((await call('not-a-room', t.cfg.internalSecret)).status).toBe(400);
  });

  it('an uploaded replay the api never hears is complete is removed from storage, and the replay is failed', async () => {
    const id = await createRecorded('完成通知丢失');
    await goLive(id);
    const { peer, recorder: recorderNow } = await publishingHost(id);
    await waitFor(() => recorderNow()?.state === 'recording', 10_000, 'the recording to start');
    const recorder = recorderNow(); // the service lets go of it once it is done
    const file = recorder.file!;
    await waitFor(() => existsSync(file) && statSync(file).size > 50_000, 30_000, 'the recording to grow');

    // The one stand-in: the api cannot record the completion (its database is away), every time
    // the media server asks. Storage and everything else are real.
    const storage = t.app.get(ObjectStorage);
    const key = ReplayService.objectKey(id);
    const replays = t.app.get(ReplayService);
    const complete = replays.complete.bind(replays);
    const storedWhenTold: boolean[] = [];
    const unreachable = jest.spyOn(replays, 'complete').mockImplementation(async (sessionId, dto) => {
      if (sessionId !== id) return complete(sessionId, dto);
      storedWhenTold.push((await storage.stat(key)) !== null);
      throw new Error('the database is not reachable');
    });
    await peer.ok('endRoom', {});

    const view = await replayDone(id, 'failed');
    expect(view.replay).toEqual({ available: false, durationMs: null, status: 'failed' });
    // the upload itself succeeded: the object was there each time the api was asked
    expect(storedWhenTold.length).toBeGreaterThanOrEqual(2);
    expect(storedWhenTold.every(Boolean)).toBe(true);
    expect(recorder.state).toBe('failed');
    // and nothing points to it any more, so it is gone
    await poll(
      () => storage.stat(key),
      (s) => s === null,
      5000,
      'the orphaned replay to be removed',
    );
    unreachable.mockRestore();
  });
});
