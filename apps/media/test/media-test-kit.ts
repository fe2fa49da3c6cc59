/**
 * Helpers for the media server's integration and e2e tests: real mediasoup workers (the binary
 * from MEDIASOUP_WORKER_BIN, see scripts/build-mediasoup-worker.sh), random ports.
 */
import { randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { io, Socket as ClientSocketOf } from 'socket.io-client';
import { INestApplication } from '@nestjs/common';
import { loadMediaConfig, MediaAppConfig } from '@app/config';
import {
  Ack,
  DtlsParameters,
  Empty,
  ErrorBody,
  MEDIA_NAMESPACE,
  MediaClientToServerEvents,
  MediaRequest,
  MediaRequestName,
  MediaResponse,
  MediaServerToClientEvents,
  NewConsumer,
  ProducerSource,
  RoomTokenClaims,
  RtpCapabilities,
  RtpParameters,
} from '@app/contracts';
import { createMediaApp } from '../src/media-app';
import { MediaLimits } from '../src/sfu/media-limits';
import { SfuService } from '../src/sfu/sfu.service';

export const TEST_ROOM_TOKEN_SECRET = 'test-room-token-secret-0123456789abcdef';

/**
 * A random base for WebRtcServer ports, spread so parallel test files rarely clash, and below
 * Linux's ephemeral range (32768+), where outgoing connections of other tests could hold a port.
 */
export function randomRtcPortBase(): number {
  return 20000 + Math.floor(Math.random() * 1200) * 10;
}

export function requireWorkerBin(): string {
  const bin = process.env.MEDIASOUP_WORKER_BIN;
  if (!bin)
    throw new Error(
      'MEDIASOUP_WORKER_BIN must point at a mediasoup worker (npm run media:worker builds one)',
    );
  return bin;
}

export function testMediaConfig(env: Record<string, string> = {}): MediaAppConfig {
  return loadMediaConfig({
    ROOM_TOKEN_SECRET: TEST_ROOM_TOKEN_SECRET,
    INTERNAL_SECRET: 'test-internal-secret-0123456789abcdef',
    MEDIASOUP_WORKER_BIN: requireWorkerBin(),
    MEDIA_WORKERS: '1',
    MEDIA_PORT: '0',
    MEDIA_HOST: '127.0.0.1',
    MEDIA_LISTEN_IP: '127.0.0.1',
    MEDIA_ANNOUNCED_IP: '127.0.0.1',
    MEDIA_RTC_PORT_BASE: String(randomRtcPortBase()),
    MEDIA_LOG_LEVEL: 'error',
    ...env,
  });
}

export { freePort } from '@app/testing';

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// ---- signaling peers ---------------------------------------------------------------------------

export type TestClaims = Pick<RoomTokenClaims, 'room' | 'role'> & Partial<RoomTokenClaims>;

export function roomToken(
  claims: TestClaims,
  opts: jwt.SignOptions = { expiresIn: 60 },
  secret = TEST_ROOM_TOKEN_SECRET,
): string {
  const payload = {
    sub: claims.sub ?? `user-${randomUUID().slice(0, 8)}`,
    name: claims.name ?? 'Test',
    room: claims.room,
    role: claims.role,
    ...(claims.stage ? { stage: true } : {}),
  };
  return jwt.sign(payload, secret, { algorithm: 'HS256', ...opts });
}

type ClientSocket = ClientSocketOf<MediaServerToClientEvents, MediaClientToServerEvents>;

export interface ConnectOptions {
  /** how this peer answers `newConsumer`; default: accept */
  onNewConsumer?: (c: NewConsumer) => Ack<Empty>;
}

/**
 * A signaling-only Node peer: socket.io, no WebRTC stack. Transports are created and "connected"
 * with a made-up DTLS fingerprint and producers carry hand-written RTP parameters, so every
 * server-side object is real but no RTP flows (that is the browser tier's job).
 */
export class TestPeer {
  readonly events: Array<{ event: string; payload: unknown }> = [];
  readonly offered: NewConsumer[] = [];

  private constructor(readonly socket: ClientSocket) {}

  static connect(url: string, token: string | undefined, opts: ConnectOptions = {}): Promise<TestPeer> {
    const socket: ClientSocket = io(`${url}${MEDIA_NAMESPACE}`, {
      auth: token === undefined ? {} : { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    const peer = new TestPeer(socket);
    socket.onAny((event: string, ...args: unknown[]) => {
      if (event === 'newConsumer') return;
      peer.events.push({ event, payload: args[0] });
    });
    socket.on('newConsumer', (c, ack) => {
      peer.offered.push(c);
      ack(opts.onNewConsumer ? opts.onNewConsumer(c) : { ok: true, data: {} });
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(peer));
      socket.once('connect_error', (err: Error & { data?: ErrorBody }) => {
        socket.close();
        reject(Object.assign(new Error(err.message), { data: err.data }));
      });
    });
  }

  request<K extends MediaRequestName>(
    name: K,
    req: MediaRequest<K> | unknown,
  ): Promise<Ack<MediaResponse<K>>> {
    const emit = this.socket.timeout(5000).emitWithAck as unknown as (
      n: string,
      r: unknown,
    ) => Promise<Ack<MediaResponse<K>>>;
    return emit.call(this.socket, name, req);
  }

  async ok<K extends MediaRequestName>(name: K, req: MediaRequest<K>): Promise<MediaResponse<K>> {
    const ack = await this.request(name, req);
    if (!ack.ok) throw new Error(`${name} failed: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  }

  async expectError<K extends MediaRequestName>(name: K, req: unknown): Promise<ErrorBody> {
    const ack = await this.request(name, req);
    if (ack.ok) throw new Error(`${name} was expected to fail but succeeded`);
    return ack.error;
  }

  /** getRouterRtpCapabilities, a recv (and send) transport, join. */
  async enter(
    opts: { send?: boolean } = {},
  ): Promise<{ recv: string; send?: string; rtpCapabilities: RtpCapabilities; join: MediaResponse<'join'> }> {
    const { rtpCapabilities } = await this.ok('getRouterRtpCapabilities', {});
    const recv = await this.transport('recv');
    const send = opts.send ? await this.transport('send') : undefined;
    const join = await this.ok('join', { rtpCapabilities });
    return { recv, send, rtpCapabilities, join };
  }

  async transport(direction: 'send' | 'recv'): Promise<string> {
    const t = await this.ok('createWebRtcTransport', { direction });
    await this.ok('connectWebRtcTransport', { transportId: t.id, dtlsParameters: FAKE_DTLS });
    return t.id;
  }

  waitForEvent<T = unknown>(
    event: string,
    match: (payload: T) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<T> {
    return waitForValue(
      () => this.events.find((e) => e.event === event && match(e.payload as T))?.payload as T | undefined,
      timeoutMs,
      event,
    );
  }

  waitForOffers(n: number, timeoutMs = 5000): Promise<NewConsumer[]> {
    return waitForValue(
      () => (this.offered.length >= n ? this.offered.slice(0, n) : undefined),
      timeoutMs,
      `${n} newConsumer offers`,
    );
  }

  waitForDisconnect(timeoutMs = 5000): Promise<void> {
    return waitForValue(() => (this.socket.disconnected ? true : undefined), timeoutMs, 'disconnect').then(
      () => undefined,
    );
  }

  close(): void {
    this.socket.close();
  }
}

async function waitForValue<T>(get: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  let value: T | undefined;
  await waitFor(() => (value = get()) !== undefined, timeoutMs, what);
  return value as T;
}

export const FAKE_DTLS: DtlsParameters = {
  role: 'client',
  fingerprints: [
    {
      algorithm: 'sha-256',
      value:
        'E5:F5:CA:A7:2D:93:E6:16:AC:21:09:9F:23:51:62:8C:D0:66:E9:0C:22:54:2B:82:0C:DF:E0:C5:2C:7E:CD:53',
    },
  ],
};

let ssrcSeed = 10_000;
let midSeed = 0;

/** RTP parameters a Chromium would send for camera (VP8, 3 simulcast layers) or microphone. */
export function rtpParametersFor(source: ProducerSource, layers = 3): RtpParameters {
  const headerExtensions = [
    { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1, encrypt: false, parameters: {} },
    {
      uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
      id: 2,
      encrypt: false,
      parameters: {},
    },
  ];
  if (source === 'mic') {
    return {
      mid: String(midSeed++),
      codecs: [
        {
          mimeType: 'audio/opus',
          payloadType: 111,
          clockRate: 48000,
          channels: 2,
          parameters: { useinbandfec: 1 },
          rtcpFeedback: [],
        },
      ],
      headerExtensions,
      encodings: [{ ssrc: ssrcSeed++ }],
      rtcp: { cname: 'test', reducedSize: true },
    };
  }
  const encodings = Array.from({ length: layers }, (_, i) => ({
    ssrc: ssrcSeed++,
    rtx: { ssrc: ssrcSeed++ },
    scalabilityMode: 'L1T3',
    maxBitrate: [150_000, 500_000, 1_500_000][i] ?? 1_500_000,
  }));
  return {
    mid: String(midSeed++),
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: 96,
        clockRate: 90000,
        parameters: {},
        rtcpFeedback: [
          { type: 'nack' },
          { type: 'nack', parameter: 'pli' },
          { type: 'ccm', parameter: 'fir' },
          { type: 'goog-remb' },
        ],
      },
      { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 }, rtcpFeedback: [] },
    ],
    headerExtensions,
    encodings,
    rtcp: { cname: 'test', reducedSize: true },
  };
}

export function produceRequest(
  transportId: string,
  source: ProducerSource,
  layers = 3,
): MediaRequest<'produce'> {
  return {
    transportId,
    source,
    kind: source === 'mic' ? 'audio' : 'video',
    rtpParameters: rtpParametersFor(source, layers),
  };
}

// ---- the app -----------------------------------------------------------------------------------

export interface RunningMediaApp {
  app: INestApplication;
  url: string;
  sfu: SfuService;
  config: MediaAppConfig;
}

/**
 * Boots the media app on 127.0.0.1 with real workers and the given limits; on `port` when the api
 * must know the address first (freePort), else on any free port.
 */
export async function startMediaApp(
  env: Record<string, string> = {},
  limits: Partial<MediaLimits> = {},
  port = 0,
): Promise<RunningMediaApp> {
  const config = testMediaConfig(env);
  const app = await createMediaApp(config, { limits, logger: ['error'] });
  await app.listen(port, '127.0.0.1');
  const address = (app.getHttpServer() as { address(): { port: number } }).address();
  return { app, url: `http://127.0.0.1:${address.port}`, sfu: app.get(SfuService), config };
}
