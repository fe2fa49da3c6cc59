import { randomUUID } from 'node:crypto';
import { types as ms } from 'mediasoup';
import { NewConsumer, PeerInfo, RoomTokenRole } from '@app/contracts';
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
    media = await startMediaApp(
      {},
      {
        joinTimeoutMs: 10_000,
        consumerAckTimeoutMs: 2000,
        hostGraceMs: 2000,
        handChangesPerWindow: 4,
        handWindowMs: 60_000,
      },
    );
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
    role: RoomTokenRole,
    sub?: string,
    stage?: boolean,
  ): Promise<TestPeer> => {
    const peer = await TestPeer.connect(media.url, roomToken({ room, role, sub, stage }));
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
      // the stage is reached through an invitation, never through a token
      expect(await refused(roomToken({ room, role: 'cohost' as 'host' }))).toBe('ROOM_TOKEN_INVALID');
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

    it('refuses a 4-layer simulcast, codecs the router lacks, a produce on a receive transport, a duplicate MID and a second connect', async () => {
      const host = await connect(newRoom(), 'host');
      const { send, recv } = await host.enter({ send: true });
      expect((await host.expectError('produce', produceRequest(send!, 'camera', 4))).code).toBe(
        'MEDIA_BAD_PARAMETERS',
      );
      expect((await host.expectError('produce', produceRequest(recv, 'camera'))).code).toBe(
        'MEDIA_BAD_PARAMETERS',
      );
      // a codec the router does not have (H.265), and a payload type the codec list does not name
      const camera = produceRequest(send!, 'camera');
      const h265 = {
        ...camera,
        rtpParameters: {
          ...camera.rtpParameters,
          codecs: [{ mimeType: 'video/H265', payloadType: 120, clockRate: 90000 }],
        },
      };
      expect((await host.expectError('produce', h265)).code).toBe('MEDIA_BAD_PARAMETERS');
      const wrongRate = {
        ...camera,
        rtpParameters: {
          ...camera.rtpParameters,
          codecs: camera.rtpParameters.codecs.map((c) => ({ ...c, clockRate: 8000 })),
        },
      };
      expect((await host.expectError('produce', wrongRate)).code).toBe('MEDIA_BAD_PARAMETERS');
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

  describe('bringing viewers on stage', () => {
    /** A room with a live host and one eligible and one anonymous viewer, all joined. */
    const stageRoom = async () => {
      const room = newRoom();
      const host = await connect(room, 'host', 'teacher');
      const { send } = await host.enter({ send: true });
      await host.ok('produce', produceRequest(send!, 'camera'));
      const student = await connect(room, 'viewer', 'student-1', true);
      const studentJoin = (await student.enter()).join;
      const anon = await connect(room, 'viewer', 'anon:1');
      const anonJoin = (await anon.enter()).join;
      return { room, host, student, studentJoin, anon, anonJoin };
    };

    it('invites a viewer whose token says stage; they publish as a cohost until removed', async () => {
      const { room, host, student, studentJoin, anon } = await stageRoom();
      expect(studentJoin.you).toMatchObject({ role: 'viewer', stageEligible: true, canPublish: false });
      const listed = await host.waitForEvent<PeerInfo>('peerJoined', (p) => p.id === studentJoin.you.id);
      expect(listed).toMatchObject({ userId: 'student-1', stageEligible: true, handRaised: false });

      await host.ok('inviteCohost', { peerId: studentJoin.you.id });
      await student.waitForEvent('publishPermission', (p: { allowed: boolean }) => p.allowed);
      await host.waitForEvent<PeerInfo>(
        'peerUpdated',
        (p) => p.id === studentJoin.you.id && p.role === 'cohost' && p.canPublish,
      );
      await anon.waitForEvent<PeerInfo>(
        'peerJoined',
        (p) => p.id === studentJoin.you.id && p.role === 'cohost',
      );
      const send = await student.transport('send');
      const mic = await student.ok('produce', produceRequest(send, 'mic'));
      const offers = await anon.waitForOffers(2);
      expect(offers.map((o) => o.producerId)).toContain(mic.id);
      // inviting again changes nothing
      await host.ok('inviteCohost', { peerId: studentJoin.you.id });
      expect(serverPeer(room, 'cohost')?.producers.size).toBe(1);

      await host.ok('removeCohost', { peerId: studentJoin.you.id });
      await student.waitForEvent('publishPermission', (p: { allowed: boolean }) => !p.allowed);
      await anon.waitForEvent('peerLeft', (p: { peerId: string }) => p.peerId === studentJoin.you.id);
      expect(serverPeer(room, 'cohost')).toBeUndefined();
      expect((await student.expectError('produce', produceRequest(send, 'mic'))).code).toBe(
        'MEDIA_NOT_ALLOWED',
      );
    });

    it('refuses to invite an ineligible (anonymous) viewer with STAGE_NOT_ELIGIBLE, and anyone but the host', async () => {
      const { host, student, anon, anonJoin, studentJoin } = await stageRoom();
      expect(anonJoin.you.stageEligible).toBe(false);
      const refused = await host.expectError('inviteCohost', { peerId: anonJoin.you.id });
      expect(refused.code).toBe('STAGE_NOT_ELIGIBLE');
      expect(refused.message).toMatch(/signed-in/);
      expect(anon.events.some((e) => e.event === 'publishPermission')).toBe(false);
      expect((await student.expectError('inviteCohost', { peerId: studentJoin.you.id })).code).toBe(
        'MEDIA_NOT_ALLOWED',
      );
      expect((await host.expectError('inviteCohost', { peerId: 'no-such-peer' })).code).toBe('NOT_FOUND');
      // the anonymous viewer still cannot publish
      expect((await anon.expectError('createWebRtcTransport', { direction: 'send' })).code).toBe(
        'MEDIA_NOT_ALLOWED',
      );
    });

    it('ignores a stage claim on a host or observer token', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      await host.enter();
      const observer = await connect(room, 'observer', 'admin-1', true);
      const { join } = await observer.enter();
      expect(join.you).toMatchObject({ role: 'observer', stageEligible: false });
    });
  });

  describe('raised hands', () => {
    it('a viewer raises a hand, only the host sees it, and the invitation lowers it', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      await host.enter({ send: true });
      const other = await connect(room, 'viewer', 'other', true);
      await other.enter();
      const student = await connect(room, 'viewer', 'student-2', true);
      const { join } = await student.enter();
      const me = join.you.id;

      expect(await student.ok('setHand', { raised: true })).toEqual({ raised: true });
      await host.waitForEvent<PeerInfo>('peerUpdated', (p) => p.id === me && p.handRaised);
      // idempotent: the same state again is not news and does not count against the limit
      const updates = () => host.events.filter((e) => e.event === 'peerUpdated').length;
      const before = updates();
      await student.ok('setHand', { raised: true });
      await new Promise((r) => setTimeout(r, 100));
      expect(updates()).toBe(before);
      expect(other.events.some((e) => e.event === 'peerUpdated')).toBe(false);

      await host.ok('inviteCohost', { peerId: me });
      await host.waitForEvent<PeerInfo>('peerUpdated', (p) => p.id === me && p.canPublish && !p.handRaised);
      expect(serverPeer(room, 'cohost')?.handRaised).toBe(false);
      // on stage, there is nothing to raise a hand for
      expect((await student.expectError('setHand', { raised: true })).code).toBe('MEDIA_NOT_ALLOWED');
    });

    it('refuses an anonymous viewer, the host and bad messages; rate-limits changes; clears on leave', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      await host.enter();
      const anon = await connect(room, 'viewer', 'anon:2');
      await anon.enter();
      expect((await anon.expectError('setHand', { raised: true })).code).toBe('STAGE_NOT_ELIGIBLE');
      expect((await host.expectError('setHand', { raised: true })).code).toBe('MEDIA_NOT_ALLOWED');
      const student = await connect(room, 'viewer', 'student-3', true);
      const { join } = await student.enter();
      expect((await student.expectError('setHand', { raised: 'yes' })).code).toBe('VALIDATION_FAILED');
      expect((await student.expectError('setHand', {})).code).toBe('VALIDATION_FAILED');

      // four changes a minute in this app; the fifth is refused and the hand stays as it was
      for (const raised of [true, false, true, false]) await student.ok('setHand', { raised });
      expect((await student.expectError('setHand', { raised: true })).code).toBe('RATE_LIMITED');
      expect(serverPeer(room, 'viewer', 'student-3')?.handRaised).toBe(false);

      const late = await connect(room, 'viewer', 'student-4', true);
      const lateJoin = (await late.enter()).join;
      await late.ok('setHand', { raised: true });
      await host.waitForEvent<PeerInfo>('peerUpdated', (p) => p.id === lateJoin.you.id && p.handRaised);
      late.close();
      await host.waitForEvent('peerLeft', (p: { peerId: string }) => p.peerId === lateJoin.you.id);
      expect(serverPeer(room, 'viewer', 'student-4')).toBeUndefined();
      expect(join.you.stageEligible).toBe(true);
    });
  });

  describe('observers', () => {
    it('an observer consumes everything, is never listed nor announced, and cannot publish', async () => {
      const room = newRoom();
      const host = await connect(room, 'host', 'teacher-5');
      const { send } = await host.enter({ send: true });
      await host.ok('produce', produceRequest(send!, 'camera'));
      const viewer = await connect(room, 'viewer', 'student-5', true);
      await viewer.enter();

      const observer = await connect(room, 'observer', 'admin-2');
      const { recv, join } = await observer.enter();
      expect(join.you).toMatchObject({ role: 'observer', canPublish: false });
      expect(join.peers.map((p) => p.role)).toEqual(['host']);
      await observer.waitForOffers(1);
      expect((await observer.expectError('createWebRtcTransport', { direction: 'send' })).code).toBe(
        'MEDIA_NOT_ALLOWED',
      );
      expect((await observer.expectError('produce', produceRequest(recv, 'camera'))).code).toBe(
        'MEDIA_NOT_ALLOWED',
      );
      expect((await observer.expectError('setHand', { raised: true })).code).toBe('MEDIA_NOT_ALLOWED');
      // the host cannot find them: not to list, not to invite
      expect((await host.expectError('inviteCohost', { peerId: join.you.id })).code).toBe('NOT_FOUND');

      // the host coming back (a new connection) is shown the viewer, not the observer
      const back = await connect(room, 'host', 'teacher-5');
      const backJoin = (await back.enter()).join;
      expect(backJoin.peers.map((p) => p.role).sort()).toEqual(['viewer']);
      // leaving is not announced either
      observer.close();
      await waitFor(() => serverPeer(room, 'observer') === undefined, 3000, 'the observer gone');
      await new Promise((r) => setTimeout(r, 100));
      for (const p of [host, back, viewer]) {
        const told = p.events.filter((e) => {
          const about = e.payload as { id?: string; peerId?: string } | undefined;
          return about?.id === join.you.id || about?.peerId === join.you.id;
        });
        expect(told).toEqual([]);
      }
    });
  });

  function serverPeer(room: string, role: 'host' | 'cohost' | 'viewer' | 'observer', userId?: string) {
    return [...(media.sfu.rooms.get(room)?.peers.values() ?? [])].find(
      (p) => p.role === role && (userId === undefined || p.identity.userId === userId),
    );
  }
});
