import { createSocket } from 'node:dgram';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { types as ms } from 'mediasoup';
import { FfmpegExit, FfmpegProcess, until } from './ffmpeg';
import { recordingSdp, sdpStream, SdpStream } from './recording-sdp';
import { RecordingPorts } from './recording-ports';

/** Codecs WebM holds, so ffmpeg records with `-c copy` (no transcoding on a 2-core box). */
const WEBM_CODECS = new Set(['audio/opus', 'video/vp8', 'video/vp9']);

export function recordable(producer: ms.Producer): boolean {
  return WEBM_CODECS.has(producer.rtpParameters.codecs[0]?.mimeType.toLowerCase() ?? '');
}

export interface RecordingSessionOptions {
  router: ms.Router;
  audio: ms.Producer;
  video: ms.Producer;
  ports: RecordingPorts;
  /** where mediasoup sends and ffmpeg listens: loopback, ffmpeg runs next to the worker */
  ip: string;
  /** a folder of this recording's own */
  dir: string;
  keyFrameIntervalMs: number;
  listenTimeoutMs?: number;
}

/**
 * One host's camera and mic going to an ffmpeg that writes WebM without transcoding
 * (docs: webrtc-testing.md, RECORDING). Per stream a PlainTransport (`rtcpMux: false`,
 * `comedia: false`) connected to ffmpeg's RTP/RTCP ports, and a consumer created paused with no
 * RTX, no header extensions and no RTCP feedback. ffmpeg starts first; once it listens the
 * consumers resume and a key frame is requested, then again every `keyFrameIntervalMs` (Chromium
 * sends none by itself; without them ffmpeg cannot start and a replay cannot seek).
 */
export class RecordingSession {
  readonly file: string;
  /** resolves when ffmpeg exits, asked to or not */
  ended: Promise<FfmpegExit> = new Promise(() => undefined);
  private readonly transports: ms.PlainTransport[] = [];
  private readonly consumers: ms.Consumer[] = [];
  private readonly takenPorts: number[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private ffmpeg: FfmpegProcess | undefined;
  private stopping: Promise<FfmpegExit | undefined> | undefined;

  private constructor(private readonly o: RecordingSessionOptions) {
    this.file = join(o.dir, 'replay.webm');
  }

  /** Ready when media flows to a listening ffmpeg; on failure everything it opened is closed. */
  static async start(options: RecordingSessionOptions): Promise<RecordingSession> {
    const session = new RecordingSession(options);
    try {
      await session.open();
    } catch (error) {
      await session.stop();
      throw error;
    }
    return session;
  }

  get pid(): number | undefined {
    return this.ffmpeg?.pid;
  }

  get stderrTail(): string {
    return this.ffmpeg?.stderrTail ?? '';
  }

  /** Idempotent: ffmpeg finishes the file (or is killed), then transports close and ports go back. */
  stop(): Promise<FfmpegExit | undefined> {
    this.stopping ??= (async () => {
      for (const t of this.timers.splice(0)) clearInterval(t);
      if (this.ffmpeg?.running) await sendRtcpBye(this.o.ip, this.takenPorts);
      const exit = await this.ffmpeg?.stop();
      for (const t of this.transports) t.close();
      for (const port of this.takenPorts.splice(0)) this.o.ports.release(port);
      return exit;
    })();
    return this.stopping;
  }

  /** Synchronous last resort (the Node process is exiting). */
  kill(): void {
    this.ffmpeg?.kill();
  }

  private async open(): Promise<void> {
    const { router, ip } = this.o;
    const streams: SdpStream[] = [];
    for (const producer of [this.o.audio, this.o.video]) {
      const port = await this.o.ports.take();
      this.takenPorts.push(port);
      const transport = await router.createPlainTransport({
        listenIp: { ip },
        rtcpMux: false,
        comedia: false,
      });
      this.transports.push(transport);
      await transport.connect({ ip, port, rtcpPort: port + 1 });
      const consumer = await transport.consume({
        producerId: producer.id,
        rtpCapabilities: recorderCapabilities(router, producer),
        paused: true,
      });
      this.consumers.push(consumer);
      streams.push(sdpStream(consumer, port, port + 1));
    }
    const sdpFile = join(this.o.dir, 'session.sdp');
    await writeFile(sdpFile, recordingSdp(ip, streams));
    if (this.stopping) throw new Error('stopped while starting');
    const ffmpeg = new FfmpegProcess(ffmpegArgs(sdpFile, this.file));
    this.ffmpeg = ffmpeg;
    this.ended = ffmpeg.exited;
    await until(
      async () => (await Promise.all(streams.map((s) => udpPortBound(s.port)))).every(Boolean),
      this.o.listenTimeoutMs ?? 5000,
      () => (ffmpeg.running ? undefined : `ffmpeg exited before listening: ${ffmpeg.stderrTail}`),
    );
    for (const consumer of this.consumers) await consumer.resume();
    const video = this.consumers.find((c) => c.kind === 'video');
    if (video) {
      const ask = (): void => {
        if (!video.closed) video.requestKeyFrame().catch(() => undefined);
      };
      ask();
      this.timers.push(setTimeout(ask, 1000), setInterval(ask, this.o.keyFrameIntervalMs));
    }
  }
}

function ffmpegArgs(sdpFile: string, outFile: string): string[] {
  // Timestamps are arrival times, not the sender's RTP clock: a sender whose media clock runs
  // ahead of or behind real time (a loaded encoder, a burst after a stall) would otherwise make a
  // 10 s session a 13 s or an 8.8 s replay (measured with an ffmpeg source on a busy machine).
  return [
    ...['-nostdin', '-hide_banner', '-loglevel', 'warning'],
    ...['-protocol_whitelist', 'file,udp,rtp', '-use_wallclock_as_timestamps', '1', '-i', sdpFile],
    ...['-map', '0:a:0', '-map', '0:v:0', '-c', 'copy', '-f', 'webm', '-y', outFile],
  ];
}

/** The producer's codec as the router offers it, plain: ffmpeg does no NACK, PLI, RTX or extensions. */
function recorderCapabilities(router: ms.Router, producer: ms.Producer): ms.RtpCapabilities {
  const mimeType = producer.rtpParameters.codecs[0].mimeType.toLowerCase();
  const codec = router.rtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === mimeType);
  return { codecs: codec ? [{ ...codec, rtcpFeedback: [] }] : [], headerExtensions: [] };
}

/**
 * Whether some process listens on this UDP port (Linux's /proc/net/udp). Read, never probed by
 * binding: a probe could take the port at the moment ffmpeg binds it.
 */
async function udpPortBound(port: number): Promise<boolean> {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const tables = await Promise.all(
    ['/proc/net/udp', '/proc/net/udp6'].map((f) => readFile(f, 'utf8').catch(() => '')),
  );
  return tables.some((table) =>
    table.split('\n').some((line) => line.trim().split(/\s+/)[1]?.endsWith(hex) ?? false),
  );
}

/**
 * An RTCP BYE to each stream's RTCP port (RTP port + 1). Once every stream has said BYE, ffmpeg's
 * RTP demuxer reports the end of its input and ffmpeg finishes the file normally, even when no
 * packet comes any more (the room closed): a signal alone would leave it blocked in its read.
 */
async function sendRtcpBye(ip: string, rtpPorts: number[]): Promise<void> {
  // V=2, one SSRC; PT 203 (BYE); length 2 words after the first: SSRC, reason "end". 12 bytes:
  // ffmpeg drops anything shorter before it looks at the packet type.
  const bye = Buffer.from([0x81, 0xcb, 0x00, 0x02, 0, 0, 0, 0, 0x03, 0x65, 0x6e, 0x64]);
  const socket = createSocket('udp4');
  try {
    for (const port of rtpPorts) {
      await new Promise<void>((resolve) => socket.send(bye, port + 1, ip, () => resolve()));
    }
  } finally {
    socket.close();
  }
}
