import { recordingSdp } from './recording-sdp';

describe('recordingSdp', () => {
  it('describes opus and VP8 on the consumers’ payload types, with separate RTCP ports', () => {
    const sdp = recordingSdp('127.0.0.1', [
      {
        kind: 'audio',
        port: 30002,
        rtcpPort: 30003,
        payloadType: 100,
        codecName: 'opus',
        clockRate: 48000,
        channels: 2,
      },
      { kind: 'video', port: 30004, rtcpPort: 30005, payloadType: 101, codecName: 'VP8', clockRate: 90000 },
    ]);
    expect(sdp.split('\r\n')).toEqual([
      'v=0',
      'o=- 0 0 IN IP4 127.0.0.1',
      's=anchor-academy recording',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=audio 30002 RTP/AVP 100',
      'a=rtpmap:100 opus/48000/2',
      'a=rtcp:30003',
      'a=recvonly',
      'm=video 30004 RTP/AVP 101',
      'a=rtpmap:101 VP8/90000',
      'a=rtcp:30005',
      'a=recvonly',
      '',
    ]);
  });
});
