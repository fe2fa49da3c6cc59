import { randomUUID } from 'node:crypto';
import { types as ms } from 'mediasoup';
import { NewConsumer } from '@app/contracts';
import {
  produceRequest,
  roomToken,
  RunningMediaApp,
  startMediaApp,
  TestPeer,
  waitFor,
} from '../../test/media-test-kit';
import { MAX_SIGNALING_MESSAGE_BYTES } from '../sfu/media-limits';

/** Signaling against a real media app and a real worker; the peers are signaling-only Node peers. */
describe('media signaling (socket.io /media, real worker)', () => {
  let media: RunningMediaApp;
  const peers: TestPeer[] = [];

  beforeAll(async () => {
    media = await startMediaApp({}, { joinTimeoutMs: 10_000, consumerAckTimeoutMs: 2000, hostGraceMs: 2000 });
  });
  afterEach(() => {
    for (const p of peers.splice(0)) p.close();
    jest.restoreAllMocks();
  });
  afterAll(async () => {
    await media.app.close();
  });

  const connect = async (
    room: string,
    role: 'host' | 'cohost' | 'viewer',
    sub?: string,
  ): Promise<TestPeer> => {
    const peer = await TestPeer.connect(media.url, roomToken({ room, role, sub }));
    peers.push(peer);
    return peer;
  };
  const newRoom = (): string => `room-${randomUUID().slice(0, 8)}`;

  describe('authentication at connection', () => {
    const refused = async (token: string | undefined): Promise<string | undefined> => {
      const err = (await TestPeer.connect(media.url, token).then(
        (p) => {
          p.close();
          throw new Error('connection was accepted');
        },
        (e: unknown) => e,
      )) as { data?: { code: string } };
      return err.data?.code;
    };

    it('refuses a missing, forged, expired or wrongly signed token with ROOM_TOKEN_INVALID', async () => {
      const room = newRoom();
      expect(await refused(undefined)).toBe('ROOM_TOKEN_INVALID');
      expect(await refused('not-a-jwt')).toBe('ROOM_TOKEN_INVALID');
      expect(
        await refused(
          roomToken({ room, role: 'host' }, { expiresIn: 60 }, 'another-secret-0123456789-0123456789'),
        ),
      ).toBe('ROOM_TOKEN_INVALID');
      expect(await refused(roomToken({ room, role: 'host' }, { expiresIn: -10 }))).toBe('ROOM_TOKEN_INVALID');
      expect(await refused(roomToken({ room, role: 'admin' as 'host' }))).toBe('ROOM_TOKEN_INVALID');
      expect(media.sfu.rooms.get(room)).toBeUndefined();
    });

    it('admits a valid token into its room with its role', async () => {
      const room = newRoom();
      const host = await connect(room, 'host', 'anchor-1');
      const { join } = await host.enter({ send: true });
      expect(join.you).toMatchObject({ userId: 'anchor-1', role: 'host', canPublish: true });
      expect(media.sfu.rooms.get(room)?.peers.size).toBe(1);
    });
  });

  describe('publishing and consuming', () => {
    it('offers every producer to a joining viewer paused, resumes after the ack, and asks for a key frame', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      const { send } = await host.enter({ send: true });
      const camera = await host.ok('produce', produceRequest(send!, 'camera', 3));
      const mic = await host.ok('produce', produceRequest(send!, 'mic'));

      // No RTP flows between Node peers, so the key-frame request is observed on the real method.
      const keyFrames = jest.spyOn(ms.Consumer.prototype, 'requestKeyFrame');
      const resumes: string[] = [];
      const viewer = await TestPeer.connect(media.url, roomToken({ room, role: 'viewer' }), {
        onNewConsumer: (c) => {
          // at the moment of the offer the server-side consumer exists and is paused
          const consumer = serverPeer(room, 'viewer')?.consumers.get(c.id);
          resumes.push(`${c.kind}:${consumer?.paused}`);
          return { ok: true, data: {} };
        },
      });
      peers.push(viewer);
      const { join } = await viewer.enter();
      expect(join.hostPresent).toBe(true);
      expect(join.peers.map((p) => p.role)).toEqual(['host']);

      const offers = await viewer.waitForOffers(2);
      const byKind = Object.fromEntries(offers.map((o) => [o.kind, o])) as Record<string, NewConsumer>;
      expect(byKind.video).toMatchObject({
        producerId: camera.id,
        source: 'camera',
        type: 'simulcast',
        producerPaused: false,
      });
      expect(byKind.audio).toMatchObject({ producerId: mic.id, source: 'mic', type: 'simple' });
      expect(resumes.sort()).toEqual(['audio:true', 'video:true']);

      const consumers = serverPeer(room, 'viewer')!.consumers;
      await waitFor(() => [...consumers.values()].every((c) => !c.paused), 3000, 'consumers resumed');
      await waitFor(
        () => keyFrames.mock.contexts.some((c) => (c as ms.Consumer).id === byKind.video.id),
        3000,
        'key frame request',
      );
      expect(keyFrames.mock.contexts.some((c) => (c as ms.Consumer).id === byKind.audio.id)).toBe(false);
    });

    it('closes a consumer the client refuses, and tells viewers when a producer pauses or closes', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      const { send } = await host.enter({ send: true });
      const mic = await host.ok('produce', produceRequest(send!, 'mic'));
      const camera = await host.ok('produce', produceRequest(send!, 'camera'));

      const picky = await TestPeer.connect(media.url, roomToken({ room, role: 'viewer' }), {
        onNewConsumer: (c) =>
          c.kind === 'audio'
            ? { ok: false, error: { code: 'MEDIA_BAD_PARAMETERS', message: 'no audio' } }
            : { ok: true, data: {} },
      });
      peers.push(picky);
      await picky.enter();
      const offers = await picky.waitForOffers(2);
      const pickyPeer = serverPeer(room, 'viewer')!;
      await waitFor(() => pickyPeer.consumers.size === 1, 3000, 'refused consumer closed');
      const video = offers.find((o) => o.kind === 'video')!;
      expect([...pickyPeer.consumers.keys()]).toEqual([video.id]);

      await host.ok('pauseProducer', { producerId: camera.id });
      await picky.waitForEvent<{ consumerId: string }>('consumerPaused', (p) => p.consumerId === video.id);
      await host.ok('closeProducer', { producerId: camera.id });
      await picky.waitForEvent<{ consumerId: string }>('consumerClosed', (p) => p.consumerId === video.id);
      expect(pickyPeer.consumers.size).toBe(0);
      expect(mic.id).toBeDefined();
    });

    it('lets a viewer choose its simulcast layers and restart ICE', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      const { send } = await host.enter({ send: true });
      await host.ok('produce', produceRequest(send!, 'camera', 3));
      const viewer = await connect(room, 'viewer');
      const { recv } = await viewer.enter();
      const [offer] = await viewer.waitForOffers(1);

      await viewer.ok('setConsumerPreferredLayers', {
        consumerId: offer.id,
        spatialLayer: 0,
        temporalLayer: 1,
      });
      const consumer = serverPeer(room, 'viewer')!.consumer(offer.id);
      expect(consumer.preferredLayers).toEqual({ spatialLayer: 0, temporalLayer: 1 });
      expect(
        (await viewer.expectError('setConsumerPreferredLayers', { consumerId: offer.id, spatialLayer: 7 }))
          .code,
      ).toBe('VALIDATION_FAILED');
      expect(
        (await viewer.expectError('setConsumerPreferredLayers', { consumerId: 'nope', spatialLayer: 1 }))
          .code,
      ).toBe('NOT_FOUND');
      await viewer.ok('requestConsumerKeyFrame', { consumerId: offer.id });

      const before = serverPeer(room, 'viewer')!.transport(recv).iceParameters;
      const { iceParameters } = await viewer.ok('restartIce', { transportId: recv });
      expect(iceParameters.usernameFragment).not.toBe(before.usernameFragment);
      expect(iceParameters.password).not.toBe(before.password);
    });

    it('offers the media again on a new receive transport after the old one broke, never twice', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      const { send } = await host.enter({ send: true });
      await host.ok('produce', produceRequest(send!, 'camera'));
      await host.ok('produce', produceRequest(send!, 'mic'));
      const viewer = await connect(room, 'viewer');
      const { recv } = await viewer.enter();
      await viewer.waitForOffers(2);

      // a spare receive transport while the first still works: nothing is offered twice
      await viewer.transport('recv');
      await new Promise((r) => setTimeout(r, 200));
      expect(viewer.offered).toHaveLength(2);

      // the first transport breaks (as on a DTLS failure): its consumers close, the new one gets them
      const viewerPeer = serverPeer(room, 'viewer')!;
      viewerPeer.transport(recv).close();
      expect(viewerPeer.consumers.size).toBe(0);
      await viewer.transport('recv');
      await viewer.waitForOffers(4);
      await waitFor(() => viewerPeer.consumers.size === 2, 3000, 'two consumers again');
      expect(new Set(viewer.offered.slice(2).map((o) => o.producerId))).toEqual(
        new Set(viewer.offered.slice(0, 2).map((o) => o.producerId)),
      );
    });
  });

  describe('refusals that leave the room running', () => {
    it('refuses a viewer that tries to publish with MEDIA_NOT_ALLOWED', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      await host.enter({ send: true });
      const viewer = await connect(room, 'viewer');
      const { recv } = await viewer.enter();
      expect((await viewer.expectError('createWebRtcTransport', { direction: 'send' })).code).toBe(
        'MEDIA_NOT_ALLOWED',
      );
      expect((await viewer.expectError('produce', produceRequest(recv, 'camera'))).code).toBe(
        'MEDIA_NOT_ALLOWED',
      );
      expect((await viewer.expectError('inviteCohost', { peerId: serverPeer(room, 'host')!.id })).code).toBe(
        'MEDIA_NOT_ALLOWED',
      );
      expect((await viewer.expectError('endRoom', {})).code).toBe('MEDIA_NOT_ALLOWED');
      expect(viewer.socket.connected).toBe(true);
      await viewer.ok('getRouterRtpCapabilities', {});
    });

    it('answers malformed and oversized messages with an error ack; everyone else carries on', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      const { send } = await host.enter({ send: true });
      const viewer = await connect(room, 'viewer');
      await viewer.enter();

      const missing = await host.expectError('produce', { transportId: send, kind: 'video' });
      expect(missing.code).toBe('VALIDATION_FAILED');
      expect(missing.details?.map((d) => d.field).sort()).toEqual(['rtpParameters', 'source']);
      const unknown = await host.expectError('createWebRtcTransport', { direction: 'send', sneaky: true });
      expect(unknown.details).toEqual([expect.objectContaining({ field: 'sneaky', reason: 'unknownField' })]);
      expect((await host.expectError('createWebRtcTransport', 'send')).code).toBe('VALIDATION_FAILED');
      const kindMismatch = await host.expectError('produce', {
        ...produceRequest(send!, 'camera'),
        kind: 'audio',
      });
      expect(kindMismatch.code).toBe('MEDIA_BAD_PARAMETERS');
      const badRtp = produceRequest(send!, 'camera');
      badRtp.rtpParameters.codecs = [{ mimeType: 'video/NOPE', payloadType: 96, clockRate: 90000 }];
      expect((await host.expectError('produce', badRtp)).code).toBe('MEDIA_BAD_PARAMETERS');

      const big = {
        transportId: send,
        kind: 'video',
        source: 'camera',
        rtpParameters: { codecs: [{ junk: 'x'.repeat(MAX_SIGNALING_MESSAGE_BYTES) }] },
      };
      expect((await host.expectError('produce', big)).code).toBe('PAYLOAD_TOO_LARGE');

      const unknownEvent = await (
        host.socket.timeout(2000).emitWithAck as unknown as (
          e: string,
          d: unknown,
        ) => Promise<{ ok: boolean; error?: { code: string } }>
      ).call(host.socket, 'hackTheRoom', {});
      expect(unknownEvent).toMatchObject({ ok: false, error: { code: 'ROUTE_NOT_FOUND' } });

      // the host is still connected and still publishes; the viewer still gets it
      expect(host.socket.connected).toBe(true);
      const camera = await host.ok('produce', produceRequest(send!, 'camera'));
      const [offer] = await viewer.waitForOffers(1);
      expect(offer.producerId).toBe(camera.id);
    });

    it('refuses a viewer with bad rtpCapabilities at join with MEDIA_BAD_PARAMETERS', async () => {
      const viewer = await connect(newRoom(), 'viewer');
      await viewer.ok('createWebRtcTransport', { direction: 'recv' });
      const error = await viewer.expectError('join', {
        rtpCapabilities: { codecs: [{ mimeType: 'nonsense' }] },
      });
      expect(error.code).toBe('MEDIA_BAD_PARAMETERS');
      const { rtpCapabilities } = await viewer.ok('getRouterRtpCapabilities', {});
      await viewer.ok('join', { rtpCapabilities });
    });

    it('refuses more producers than a peer may hold with MEDIA_LIMIT_REACHED', async () => {
      const host = await connect(newRoom(), 'host');
      const { send } = await host.enter({ send: true });
      await host.ok('produce', produceRequest(send!, 'camera'));
      await host.ok('produce', produceRequest(send!, 'mic'));
      await host.ok('produce', produceRequest(send!, 'screen', 1));
      expect((await host.expectError('produce', produceRequest(send!, 'camera'))).code).toBe(
        'MEDIA_LIMIT_REACHED',
      );
      expect((await host.expectError('produce', produceRequest(send!, 'camera', 4))).code).toBe(
        'MEDIA_LIMIT_REACHED',
      );
      // concurrent requests cannot slip past the limit together
      const other = await connect(newRoom(), 'host');
      const otherSend = (await other.enter({ send: true })).send!;
      const sources = ['camera', 'mic', 'screen', 'camera', 'mic'] as const;
      const acks = await Promise.all(
        sources.map((source) => other.request('produce', produceRequest(otherSend, source, 1))),
      );
      expect(acks.filter((a) => a.ok)).toHaveLength(3);
      expect(acks.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual([
        'MEDIA_LIMIT_REACHED',
        'MEDIA_LIMIT_REACHED',
      ]);
    });

    it('refuses a 4-layer simulcast, a produce on a receive transport, a duplicate MID and a second connect', async () => {
      const host = await connect(newRoom(), 'host');
      const { send, recv } = await host.enter({ send: true });
      expect((await host.expectError('produce', produceRequest(send!, 'camera', 4))).code).toBe(
        'MEDIA_BAD_PARAMETERS',
      );
      expect((await host.expectError('produce', produceRequest(recv, 'camera'))).code).toBe(
        'MEDIA_BAD_PARAMETERS',
      );
      // the worker itself refuses a second producer with the same MID
      const mic = produceRequest(send!, 'mic');
      await host.ok('produce', mic);
      expect((await host.expectError('produce', mic)).code).toBe('MEDIA_BAD_PARAMETERS');
      expect(
        (
          await host.expectError('connectWebRtcTransport', {
            transportId: send,
            dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] },
          })
        ).code,
      ).toBe('CONFLICT');
    });
  });

  function serverPeer(room: string, role: 'host' | 'cohost' | 'viewer') {
    return [...(media.sfu.rooms.get(room)?.peers.values() ?? [])].find((p) => p.role === role);
  }
});
