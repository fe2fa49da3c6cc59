/**
 * A media source for recording tests without a browser: ffmpeg's `testsrc` (VP8) and `sine` (opus)
 * sent as RTP into two PlainTransports on a room's router, whose producers the test then attaches
 * to the host with Room.attachProducer (server side only; no signaling message reaches it).
 */
import type { types as ms } from 'mediasoup';
import { FfmpegProcess } from '../src/recording/ffmpeg';
import type { MediaAppData } from '../src/sfu/peer';

const AUDIO = { payloadType: 101, ssrc: 11111111 };
const VIDEO = { payloadType: 102, ssrc: 22222222 };

export interface RtpTestSource {
  audio: ms.Producer<MediaAppData>;
  video: ms.Producer<MediaAppData>;
  ffmpeg: FfmpegProcess;
  /** stops ffmpeg and closes the transports (and so the producers) */
  close(): Promise<void>;
}

export async function startRtpTestSource(router: ms.Router, peerId: string): Promise<RtpTestSource> {
  const plain = (): Promise<ms.PlainTransport> =>
    router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: false, comedia: true });
  const audioTransport = await plain();
  const videoTransport = await plain();
  const audio = await audioTransport.produce<MediaAppData>({
    kind: 'audio',
    rtpParameters: {
      codecs: [
        {
          mimeType: 'audio/opus',
          payloadType: AUDIO.payloadType,
          clockRate: 48000,
          channels: 2,
          parameters: { 'sprop-stereo': 1 },
        },
      ],
      encodings: [{ ssrc: AUDIO.ssrc }],
    },
    appData: { source: 'mic', peerId },
  });
  const video = await videoTransport.produce<MediaAppData>({
    kind: 'video',
    rtpParameters: {
      codecs: [{ mimeType: 'video/VP8', payloadType: VIDEO.payloadType, clockRate: 90000 }],
      encodings: [{ ssrc: VIDEO.ssrc }],
    },
    appData: { source: 'camera', peerId },
  });
  const target = (t: ms.PlainTransport): string =>
    `rtp://127.0.0.1:${t.tuple.localPort}?rtcpport=${t.rtcpTuple!.localPort}`;
  const ffmpeg = new FfmpegProcess([
    ...['-nostdin', '-hide_banner', '-loglevel', 'error'],
    ...['-re', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=30'],
    ...['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
    ...['-map', '0:v:0', '-map', '1:a:0'],
    // a key frame every second: ffmpeg ignores the recorder's key-frame requests
    ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '800k', '-g', '30'],
    ...['-c:a', 'libopus', '-b:a', '64k', '-ac', '2', '-ar', '48000'],
    '-f',
    'tee',
    `[select=a:f=rtp:ssrc=${AUDIO.ssrc}:payload_type=${AUDIO.payloadType}]${target(audioTransport)}|` +
      `[select=v:f=rtp:ssrc=${VIDEO.ssrc}:payload_type=${VIDEO.payloadType}]${target(videoTransport)}`,
  ]);
  return {
    audio,
    video,
    ffmpeg,
    close: async () => {
      await ffmpeg.stop(2000);
      audioTransport.close();
      videoTransport.close();
    },
  };
}
