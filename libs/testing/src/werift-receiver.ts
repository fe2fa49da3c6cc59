/**
 * A cheap WebRTC receiver for load tests: werift (pure TypeScript, no decoding, ~0.45 % of a core
 * per consumer here) with no mediasoup-client handler, so the SDP is built from the server's
 * transport and consumer parameters (mediasoup is ICE-lite and offers; werift answers as the DTLS
 * client). It counts distinct RTP packets, sequence gaps (loss after NACK retransmission, which
 * is what a viewer sees) and VP8 key frames. One consumer per receiver, VP8 with NACK, no RTX, no
 * header extensions: what a fan-out benchmark needs.
 */
import type * as Werift from 'werift';

export interface ServerTransportParams {
  iceParameters: { usernameFragment: string; password: string };
  iceCandidates: Array<{ foundation: string; priority: number; ip: string; protocol: string; port: number }>;
  dtlsParameters: { fingerprints: Array<{ algorithm: string; value: string }> };
}

export interface ServerConsumerParams {
  rtpParameters: {
    mid?: string;
    codecs: Array<{ mimeType?: unknown; payloadType?: unknown; clockRate?: unknown }>;
    encodings?: Array<{ ssrc?: unknown }>;
    rtcp?: { cname?: unknown };
  };
}

export interface ReceiverCounts {
  received: number;
  /** highest extended sequence number − first + 1 */
  expected: number;
}

let werift: typeof Werift | undefined;

export class WeriftReceiver {
  private readonly pc: Werift.RTCPeerConnection;
  private base: number | undefined;
  private maxExt = 0;
  private received = 0;
  /** per 16-bit sequence number, the 1-based cycle it was last received in (duplicates skipped) */
  private readonly seen = new Uint32Array(0x10000);
  /** Date.now() of the first RTP packet, and of the first complete-picture VP8 key frame start */
  firstPacketAt = 0;
  firstKeyFrameAt = 0;
  private closed = false;

  private constructor(pt: number) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    werift ??= require('werift') as typeof Werift;
    this.pc = new werift.RTCPeerConnection({
      codecs: {
        video: [
          new werift.RTCRtpCodecParameters({
            mimeType: 'video/VP8',
            clockRate: 90000,
            payloadType: pt,
            rtcpFeedback: [{ type: 'nack' }],
          }),
        ],
      },
      headerExtensions: { video: [] },
      iceUseIpv6: false,
      iceUseTcp: false,
      iceInterfaceAddresses: { udp4: '127.0.0.1' },
      iceAdditionalHostAddresses: ['127.0.0.1'],
    });
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => this.onRtp(rtp.header.sequenceNumber, rtp.payload));
    });
  }

  /** Answers the server's parameters; returns the DTLS parameters to `connect` the server transport with. */
  static async answer(
    transport: ServerTransportParams,
    consumer: ServerConsumerParams,
  ): Promise<{
    receiver: WeriftReceiver;
    dtlsParameters: { role: 'client'; fingerprints: Array<{ algorithm: string; value: string }> };
  }> {
    const codec = consumer.rtpParameters.codecs[0];
    const receiver = new WeriftReceiver(Number(codec.payloadType));
    try {
      await receiver.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp(transport, consumer) });
      const answer = await receiver.pc.createAnswer();
      await receiver.pc.setLocalDescription(answer);
      const sdp = receiver.pc.localDescription?.sdp ?? answer.sdp;
      const fingerprints = [...sdp.matchAll(/a=fingerprint:(\S+) (\S+)/g)].map((m) => ({
        algorithm: m[1],
        value: m[2],
      }));
      return { receiver, dtlsParameters: { role: 'client', fingerprints } };
    } catch (error) {
      await receiver.close();
      throw error;
    }
  }

  counts(): ReceiverCounts {
    return { received: this.received, expected: this.base === undefined ? 0 : this.maxExt - this.base + 1 };
  }

  /** Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pc.close().catch(() => undefined);
  }

  private onRtp(seq: number, payload: Buffer): void {
    let ext: number;
    if (this.base === undefined) {
      this.base = ext = this.maxExt = seq + 0x10000;
      this.firstPacketAt = Date.now();
    } else {
      const last = this.maxExt & 0xffff;
      const ahead = (seq - last + 0x10000) & 0xffff;
      // ahead of the highest seen, or a late one (a retransmission answering our NACK) behind it
      ext = ahead < 0x8000 ? this.maxExt + ahead : this.maxExt - ((last - seq + 0x10000) & 0xffff);
      if (ext > this.maxExt) this.maxExt = ext;
      if (ext < this.base) return;
    }
    const cycle = Math.floor(ext / 0x10000);
    if (this.seen[seq] === cycle) return; // duplicate
    this.seen[seq] = cycle;
    this.received++;
    if (!this.firstKeyFrameAt && isVp8KeyFrameStart(payload)) this.firstKeyFrameAt = Date.now();
  }
}

/** RFC 7741: the first packet of a VP8 key frame (S=1, PID=0, and the P bit of the frame tag 0). */
export function isVp8KeyFrameStart(payload: Buffer): boolean {
  if (payload.length < 1) return false;
  const b0 = payload[0];
  const start = (b0 & 0x10) !== 0 && (b0 & 0x07) === 0;
  if (!start) return false;
  let i = 1;
  if (b0 & 0x80) {
    const x = payload[i++];
    if (x & 0x80) i += payload[i] & 0x80 ? 2 : 1; // picture id, 7 or 15 bits
    if (x & 0x40) i += 1; // TL0PICIDX
    if (x & 0x30) i += 1; // TID / KEYIDX
  }
  return i < payload.length && (payload[i] & 0x01) === 0;
}

function offerSdp(t: ServerTransportParams, c: ServerConsumerParams): string {
  const codec = c.rtpParameters.codecs[0];
  const pt = Number(codec.payloadType);
  const ssrc = Number(c.rtpParameters.encodings?.[0]?.ssrc);
  const cname = String(c.rtpParameters.rtcp?.cname ?? 'sfu');
  const mid = c.rtpParameters.mid ?? '0';
  const fp =
    t.dtlsParameters.fingerprints.find((f) => f.algorithm === 'sha-256') ?? t.dtlsParameters.fingerprints[0];
  const lines = [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'a=ice-lite',
    `a=group:BUNDLE ${mid}`,
    'a=msid-semantic: WMS *',
    `m=video 7 UDP/TLS/RTP/SAVPF ${pt}`,
    'c=IN IP4 127.0.0.1',
    `a=mid:${mid}`,
    'a=sendonly',
    'a=rtcp-mux',
    'a=rtcp-rsize',
    `a=ice-ufrag:${t.iceParameters.usernameFragment}`,
    `a=ice-pwd:${t.iceParameters.password}`,
    `a=fingerprint:${fp.algorithm} ${fp.value}`,
    'a=setup:actpass',
    `a=rtpmap:${pt} VP8/90000`,
    `a=rtcp-fb:${pt} nack`,
    `a=msid:sfu-${ssrc} sfu-track-${ssrc}`,
    `a=ssrc:${ssrc} cname:${cname}`,
    ...t.iceCandidates
      .filter((cand) => cand.protocol === 'udp')
      .map(
        (cand) => `a=candidate:${cand.foundation} 1 udp ${cand.priority} ${cand.ip} ${cand.port} typ host`,
      ),
    'a=end-of-candidates',
  ];
  return `${lines.join('\r\n')}\r\n`;
}
