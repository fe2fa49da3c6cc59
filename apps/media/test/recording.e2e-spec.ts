import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { AuthResponse, DownloadUrlResponse, LiveSessionView, RoomTokenResponse } from '@app/contracts';
import { TestApp } from '@app/testing';
import { signUp, startApi } from '../../api/test/support';
import { ReplayService } from '../../../libs/live/src/live-session/replay.service';
import { RecordingService } from '../src/recording/recording.service';
import {
  processExists,
  RunningMediaApp,
  startMediaApp,
  TEST_ROOM_TOKEN_SECRET,
  TestPeer,
  waitFor,
} from './media-test-kit';
import { RtpTestSource, startRtpTestSource } from './rtp-test-source';

const run = promisify(execFile);

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

  beforeAll(async () => {
    t = await startApi({ ROOM_TOKEN_SECRET: TEST_ROOM_TOKEN_SECRET });
    media = await startMediaApp(
      {
        API_INTERNAL_URL: t.url,
        INTERNAL_SECRET: t.cfg.internalSecret,
        // below the other tests' 20000+ (recording ports: base + workers + 10000, see recording-ports.ts)
        MEDIA_RTC_PORT_BASE: String(3000 + Math.floor(Math.random() * 500) * 10),
      },
      { reportIntervalMs: 500, recordingKeyFrameIntervalMs: 2000 },
    );
    anchor = await signUp(t, { roles: ['anchor'], displayName: '录播主播' });
    workDir = await mkdtemp(join(tmpdir(), 'recording-e2e-'));
  });
  afterAll(async () => {
    host?.close();
    await source?.close();
    await media?.app.close();
    await t?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  afterEach(() => jest.restoreAllMocks());

  const auth = (): [string, string] => ['Authorization', `Bearer ${anchor.tokens.accessToken}`];

  it('a 10 s session yields a 10 s ± 1 s WebM replay (VP8 + opus), and no ffmpeg is left behind', async () => {
    const created = await request(t.url)
      .post('/api/live-sessions')
      .set(...auth())
      .send({ kind: 'sale', title: '录制测试', record: true })
      .expect(201);
    const id = (created.body as LiveSessionView).id;
    await request(t.url)
      .post(`/api/live-sessions/${id}/start`)
      .set(...auth())
      .expect(200);
    const token = (
      await request(t.url)
        .post(`/api/live-sessions/${id}/room-token`)
        .set(...auth())
        .expect(200)
    ).body as RoomTokenResponse;

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
    const created = await request(t.url)
      .post('/api/live-sessions')
      .set(...auth())
      .send({ kind: 'sale', title: '上传失败测试', record: true })
      .expect(201);
    const id = (created.body as LiveSessionView).id;
    await request(t.url)
      .post(`/api/live-sessions/${id}/start`)
      .set(...auth())
      .expect(200);
    // The one stand-in: the api hands out an upload URL its own /s3 proxy refuses (a bad
    // signature, 403), as storage would refuse an expired or wrong link. Everything else is real.
    const replays = t.app.get(ReplayService);
    const refusing = jest.spyOn(replays, 'uploadUrl').mockResolvedValueOnce({
      url: `/s3/${t.cfg.storage.bucket}/${ReplayService.objectKey(id)}?X-Amz-Signature=0`,
      headers: { 'Content-Type': 'video/webm' },
    });
    const token = (
      await request(t.url)
        .post(`/api/live-sessions/${id}/room-token`)
        .set(...auth())
        .expect(200)
    ).body as RoomTokenResponse;
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
});
