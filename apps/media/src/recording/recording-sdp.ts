import type { types as ms } from 'mediasoup';

/** One RTP stream ffmpeg receives: where, and the payload type the consumer actually sends. */
export interface SdpStream {
  kind: 'audio' | 'video';
  port: number;
  rtcpPort: number;
  payloadType: number;
  /** `opus`, `VP8` */
  codecName: string;
  clockRate: number;
  channels?: number;
}

/** The stream a plain-RTP consumer sends: its single codec (no RTX, no header extensions). */
export function sdpStream(consumer: ms.Consumer, port: number, rtcpPort: number): SdpStream {
  const codec = consumer.rtpParameters.codecs[0];
  return {
    kind: consumer.kind,
    port,
    rtcpPort,
    payloadType: codec.payloadType,
    codecName: codec.mimeType.split('/')[1],
    clockRate: codec.clockRate,
    channels: codec.channels,
  };
}

/**
 * The session description ffmpeg reads (`-i session.sdp`): one `m=` line per stream, on the
 * consumer's actual payload type (mediasoup may not use the codec's preferredPayloadType).
 */
export function recordingSdp(ip: string, streams: SdpStream[]): string {
  const lines = ['v=0', `o=- 0 0 IN IP4 ${ip}`, 's=anchor-academy recording', `c=IN IP4 ${ip}`, 't=0 0'];
  for (const s of streams) {
    const encoding = s.channels && s.channels > 1 ? `/${s.channels}` : '';
    lines.push(
      `m=${s.kind} ${s.port} RTP/AVP ${s.payloadType}`,
      `a=rtpmap:${s.payloadType} ${s.codecName}/${s.clockRate}${encoding}`,
      `a=rtcp:${s.rtcpPort}`,
      'a=recvonly',
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
