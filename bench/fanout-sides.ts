/**
 * The two sides of the fan-out benchmark, each one publisher (ffmpeg testsrc → VP8 RTP →
 * PlainTransport) and N werift receivers on 127.0.0.1:
 * - ours: the real media app (Nest, socket.io signaling, room logic, signed room tokens,
 *   consumers created paused and resumed on the client's ack);
 * - baseline: the same fan-out written directly against mediasoup (one router, WebRtcServer,
 *   WebRtcTransport + consumer per receiver), no signaling at all.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import * as mediasoup from 'mediasoup';
import type { types as ms } from 'mediasoup';
import { INestApplication } from '@nestjs/common';
import { loadMediaConfig } from '@app/config';
import { MEDIA_NAMESPACE } from '@app/contracts';
import type { ServerConsumerParams, ServerTransportParams } from '@app/testing/werift-receiver';
import { createMediaApp } from '../apps/media/src/media-app';
import { MEDIA_CODECS } from '../apps/media/src/sfu/media-codecs';
import { PeerChannel } from '../apps/media/src/sfu/peer';
import { SfuService } from '../apps/media/src/sfu/sfu.service';
import { Farm, viewerName } from './fanout-farm';

export interface Side {
  name: 'ours' | 'baseline';
  workerPid: number;
  /** one more viewer, whose receiver lives in one of the farm's threads */
  addViewer(farm: Farm): Promise<void>;
  stop(): Promise<void>;
}

const SSRC = 22_222_222;
const VP8_PT = 101;
const SECRET = 'bench-room-token-secret-0123456789abcdef';
const INTERNAL = 'bench-internal-secret-0123456789abcdef';

/** ffmpeg's test pattern as VP8 RTP, short key-frame interval (ffmpeg ignores key-frame requests). */
export function startFfmpeg(port: number): ChildProcess {
  const args = [
    ...['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=30'],
    ...['-an', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '800k', '-g', '30'],
    ...['-ssrc', String(SSRC), '-payload_type', String(VP8_PT), '-f', 'rtp'],
    `rtp://127.0.0.1:${port}?pkt_size=1200`,
  ];
  const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
  return child;
}

const producerRtp = (): ms.RtpParameters => ({
  codecs: [{ mimeType: 'video/VP8', payloadType: VP8_PT, clockRate: 90000, rtcpFeedback: [] }],
  encodings: [{ ssrc: SSRC }],
});

/**
 * VP8 with NACK (the SFU retransmits from its own buffer, as for a browser), no RTX and no header
 * extensions: every receiver measures the loss a viewer would see, the same way on both sides.
 */
function receiverCaps(router: ms.RtpCapabilities): ms.RtpCapabilities {
  return {
    codecs: (router.codecs ?? [])
      .filter((c) => c.mimeType === 'video/VP8')
      .map((c) => ({ ...c, rtcpFeedback: [{ type: 'nack' }] })),
    headerExtensions: [],
  };
}

async function stopFfmpeg(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

export async function startOurs(rtcPortBase: number): Promise<Side> {
  const config = loadMediaConfig({
    ROOM_TOKEN_SECRET: SECRET,
    INTERNAL_SECRET: INTERNAL,
    MEDIASOUP_WORKER_BIN: process.env.MEDIASOUP_WORKER_BIN,
    MEDIA_WORKERS: '1',
    MEDIA_PORT: '0',
    MEDIA_HOST: '127.0.0.1',
    MEDIA_LISTEN_IP: '127.0.0.1',
    MEDIA_ANNOUNCED_IP: '127.0.0.1',
    MEDIA_RTC_PORT_BASE: String(rtcPortBase),
    MEDIA_LOG_LEVEL: 'error',
    // no api in this bench: room reports go to a closed port and are dropped
    API_INTERNAL_URL: 'http://127.0.0.1:9',
  });
  const app: INestApplication = await createMediaApp(config, {
    logger: false,
    limits: { joinTimeoutMs: 600_000, consumerAckTimeoutMs: 30_000, reportGiveUpMs: 1000 },
  });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as { address(): { port: number } }).address();
  const url = `http://127.0.0.1:${port}${MEDIA_NAMESPACE}`;
  const sfu = app.get(SfuService);
  const roomId = `bench-${randomUUID().slice(0, 8)}`;

  // The publisher is a server-side host peer whose producer is ffmpeg's RTP (the room's own seam
  // for server-fed producers); everything the viewers do goes through signaling.
  const silent: PeerChannel = {
    notify: () => undefined,
    request: () => Promise.resolve({ ok: true, data: {} }),
    disconnect: () => undefined,
  };
  const host = await sfu.connect({ sub: 'bench-host', room: roomId, role: 'host', name: 'host' }, silent);
  const room = sfu.rooms.get(roomId)!;
  sfu.join(host, { rtpCapabilities: room.rtpCapabilities as never });
  const plain = await room.routerList[0].router.createPlainTransport({
    listenIp: '127.0.0.1',
    rtcpMux: true,
    comedia: true,
  });
  const producer = await plain.produce({
    kind: 'video',
    rtpParameters: producerRtp(),
    appData: { source: 'camera', peerId: host.id },
  });
  await room.attachProducer(host, producer as never);
  const ffmpeg = startFfmpeg(plain.tuple.localPort);
  const caps = receiverCaps(room.rtpCapabilities);

  return {
    name: 'ours',
    workerPid: room.routerList[0].worker.pid,
    async addViewer(farm: Farm) {
      const token = jwt.sign({ room: roomId, role: 'viewer', name: 'viewer' }, SECRET, {
        algorithm: 'HS256',
        subject: viewerName(),
        expiresIn: 600,
      });
      await farm.join(url, token, caps);
    },
    async stop() {
      await stopFfmpeg(ffmpeg);
      plain.close();
      await app.close();
    },
  };
}

export async function startBaseline(rtcPortBase: number): Promise<Side> {
  const worker = await mediasoup.createWorker({
    logLevel: 'error',
    rtcMinPort: rtcPortBase + 1,
    rtcMaxPort: rtcPortBase + 2000,
  });
  const webRtcServer = await worker.createWebRtcServer({
    listenInfos: [{ protocol: 'udp', ip: '127.0.0.1', announcedIp: '127.0.0.1', port: rtcPortBase }],
  });
  const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
  const plain = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: true });
  const producer = await plain.produce({ kind: 'video', rtpParameters: producerRtp() });
  const ffmpeg = startFfmpeg(plain.tuple.localPort);
  const caps = receiverCaps(router.rtpCapabilities);

  return {
    name: 'baseline',
    workerPid: worker.pid,
    async addViewer(farm: Farm) {
      const joinedAt = Date.now();
      const transport = await router.createWebRtcTransport({
        webRtcServer,
        enableUdp: true,
        enableTcp: false,
      });
      const consumer = await transport.consume({
        producerId: producer.id,
        rtpCapabilities: caps,
        paused: true,
      });
      // plain data only: the receiver lives in another thread
      const dtlsParameters = await farm.answer(
        {
          iceParameters: transport.iceParameters,
          iceCandidates: transport.iceCandidates,
          dtlsParameters: transport.dtlsParameters,
        } as ServerTransportParams,
        { rtpParameters: consumer.rtpParameters } as ServerConsumerParams,
        joinedAt,
      );
      await transport.connect({ dtlsParameters });
      await consumer.resume();
      await consumer.requestKeyFrame();
    },
    async stop() {
      await stopFfmpeg(ffmpeg);
      worker.close();
      const deadline = Date.now() + 3000;
      while (Date.now() < deadline && processAlive(worker.pid)) await new Promise((r) => setTimeout(r, 20));
    },
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
