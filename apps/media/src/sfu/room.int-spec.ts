import { randomUUID } from 'node:crypto';
import { RoomTokenRole } from '@app/contracts';
import {
  produceRequest,
  roomToken,
  RunningMediaApp,
  startMediaApp,
  TestPeer,
  waitFor,
} from '../../test/media-test-kit';

/** Room life: roles, cohost invitations, departures, the host's grace period, piping across workers. */
describe('rooms (real workers, signaling-only Node peers)', () => {
  let media: RunningMediaApp;
  const peers: TestPeer[] = [];

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
  const serverPeers = (room: string) => [...(media.sfu.rooms.get(room)?.peers.values() ?? [])];

  afterEach(() => {
    for (const p of peers.splice(0)) p.close();
  });

  describe('on one worker', () => {
    beforeAll(async () => {
      media = await startMediaApp(
        {},
        { joinTimeoutMs: 800, hostGraceMs: 800, consumerAckTimeoutMs: 2000, endedRoomTtlMs: 60_000 },
      );
    });
    afterAll(async () => {
      await media.app.close();
    });

    it('lets an eligible viewer publish as a cohost only between the host inviting and removing them', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      await host.enter({ send: true });
      const cohost = await connect(room, 'viewer', 'cohost-1', true);
      const { recv, join } = await cohost.enter();
      expect(join.you).toMatchObject({ role: 'viewer', canPublish: false, stageEligible: true });
      const viewer = await connect(room, 'viewer');
      await viewer.enter();

      expect((await cohost.expectError('createWebRtcTransport', { direction: 'send' })).code).toBe(
        'MEDIA_NOT_ALLOWED',
      );
      expect((await cohost.expectError('produce', produceRequest(recv, 'camera'))).code).toBe(
        'MEDIA_NOT_ALLOWED',
      );
      expect(
        (
          await host.expectError('inviteCohost', {
            peerId: serverPeers(room).find((p) => p.identity.userId !== 'cohost-1' && p.role === 'viewer')!
              .id,
          })
        ).code,
      ).toBe('STAGE_NOT_ELIGIBLE');

      await host.ok('inviteCohost', { peerId: join.you.id });
      await cohost.waitForEvent('publishPermission', (p: { allowed: boolean }) => p.allowed);
      // the other viewer never saw them as a viewer: they meet them on stage
      await viewer.waitForEvent(
        'peerJoined',
        (p: { id: string; role: string; canPublish: boolean }) =>
          p.id === join.you.id && p.role === 'cohost' && p.canPublish,
      );
      const send = await cohost.transport('send');
      const camera = await cohost.ok('produce', produceRequest(send, 'camera'));
      expect((await cohost.expectError('produce', produceRequest(send, 'screen', 1))).code).toBe(
        'MEDIA_NOT_ALLOWED',
      );
      const [offer] = await viewer.waitForOffers(1);
      expect(offer).toMatchObject({ producerId: camera.id, peerId: join.you.id, source: 'camera' });

      await host.ok('removeCohost', { peerId: join.you.id });
      await cohost.waitForEvent(
        'producerClosed',
        (p: { producerId: string; reason: string }) =>
          p.producerId === camera.id && p.reason === 'publishRevoked',
      );
      await cohost.waitForEvent('publishPermission', (p: { allowed: boolean }) => !p.allowed);
      await viewer.waitForEvent('consumerClosed', (p: { consumerId: string }) => p.consumerId === offer.id);
      await viewer.waitForEvent('peerLeft', (p: { peerId: string }) => p.peerId === join.you.id);
      expect((await cohost.expectError('produce', produceRequest(send, 'camera'))).code).toBe(
        'MEDIA_NOT_ALLOWED',
      );
      // its send transport went with the permission
      expect(
        serverPeers(room)
          .find((p) => p.id === join.you.id)!
          .transports.has(send),
      ).toBe(false);
    });

    it('remembers an invitation when the cohost reconnects, and replaces the old connection', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      await host.enter();
      const first = await connect(room, 'viewer', 'cohost-2', true);
      const { join } = await first.enter();
      await host.ok('inviteCohost', { peerId: join.you.id });

      const second = await connect(room, 'viewer', 'cohost-2', true);
      await first.waitForEvent('removed', (p: { reason: string }) => p.reason === 'replaced');
      await first.waitForDisconnect();
      const again = await second.enter({ send: true });
      expect(again.join.you).toMatchObject({ role: 'cohost', canPublish: true });
      await second.ok('produce', produceRequest(again.send!, 'mic'));
      expect(serverPeers(room).filter((p) => p.identity.userId === 'cohost-2')).toHaveLength(1);
    });

    it('cleans up a peer that goes away: its media closes and the stage is told', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      const { send } = await host.enter({ send: true });
      await host.ok('produce', produceRequest(send!, 'camera'));
      const viewer = await connect(room, 'viewer');
      await viewer.enter();
      await viewer.waitForOffers(1);
      const viewerPeer = serverPeers(room).find((p) => p.role === 'viewer')!;
      const worker = media.sfu.pool.workers[0];
      await waitFor(() => worker.consumers === 1, 2000, 'the viewer consumer');

      viewer.socket.io.engine.close(); // the transport drops without a goodbye
      await host.waitForEvent('peerLeft', (p: { peerId: string }) => p.peerId === viewerPeer.id);
      expect(viewerPeer.closed).toBe(true);
      expect(serverPeers(room)).toHaveLength(1);
      expect(worker.consumers).toBe(0);
    });

    it('removes a peer that never joins', async () => {
      const room = newRoom();
      const lurker = await connect(room, 'viewer');
      await lurker.waitForEvent('removed', (p: { reason: string }) => p.reason === 'joinTimeout', 3000);
      await lurker.waitForDisconnect();
      await waitFor(() => media.sfu.rooms.get(room) === undefined, 2000, 'the empty room to close');
    });

    it('keeps the room through a host drop shorter than the grace period, and ends it after a longer one', async () => {
      const room = newRoom();
      const host = await connect(room, 'host', 'anchor-9');
      const { send } = await host.enter({ send: true });
      await host.ok('produce', produceRequest(send!, 'camera'));
      const viewer = await connect(room, 'viewer');
      await viewer.enter();
      await viewer.waitForOffers(1);

      host.close();
      await viewer.waitForEvent('hostAway', (p: { graceMs: number }) => p.graceMs === 800);
      const back = await connect(room, 'host', 'anchor-9');
      await viewer.waitForEvent('hostBack');
      const again = await back.enter({ send: true });
      const camera = await back.ok('produce', produceRequest(again.send!, 'camera'));
      await viewer.waitForOffers(2);
      expect(viewer.offered[1].producerId).toBe(camera.id);
      await new Promise((r) => setTimeout(r, 1000)); // past the first grace period: still open
      expect(media.sfu.rooms.get(room)?.closed).toBe(false);

      back.close();
      await viewer.waitForEvent('roomClosed', (p: { reason: string }) => p.reason === 'hostLeft', 3000);
      await viewer.waitForDisconnect();
      expect(media.sfu.rooms.get(room)).toBeUndefined();
      const late = await TestPeer.connect(media.url, roomToken({ room, role: 'viewer' })).catch(
        (e: { data?: { code: string } }) => e,
      );
      expect((late as { data?: { code: string } }).data?.code).toBe('ROOM_CLOSED');
    });

    it('ends the room for everyone when the host ends it', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      await host.enter();
      const viewer = await connect(room, 'viewer');
      await viewer.enter();
      await host.ok('endRoom', {});
      await viewer.waitForEvent('roomClosed', (p: { reason: string }) => p.reason === 'ended');
      await Promise.all([viewer.waitForDisconnect(), host.waitForDisconnect()]);
      expect(media.sfu.pool.workers[0].routers).toBe(0);
    });
  });

  describe('across two workers', () => {
    beforeAll(async () => {
      media = await startMediaApp(
        { MEDIA_WORKERS: '2', MEDIA_PIPE_THRESHOLD: '2' },
        { consumerAckTimeoutMs: 2000 },
      );
    });
    afterAll(async () => {
      await media.app.close();
    });

    it('pipes producers to a router on another worker once the first passes the threshold', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      const { send } = await host.enter({ send: true });
      const camera = await host.ok('produce', produceRequest(send!, 'camera'));
      const mic = await host.ok('produce', produceRequest(send!, 'mic'));

      const first = await connect(room, 'viewer');
      await first.enter();
      await first.waitForOffers(2);
      const [primary] = media.sfu.rooms.get(room)!.routerList;
      await waitFor(() => primary.worker.consumers >= 2, 2000, 'two consumers on the primary worker');

      const second = await connect(room, 'viewer');
      await second.enter();
      const offers = await second.waitForOffers(2);
      expect(offers.map((o) => o.producerId).sort()).toEqual([camera.id, mic.id].sort());
      const routers = media.sfu.rooms.get(room)!.routerList;
      expect(routers).toHaveLength(2);
      expect(routers[1].worker).not.toBe(primary.worker);
      expect([...routers[1].piped].sort()).toEqual([camera.id, mic.id].sort());
      const secondPeer = serverPeers(room).find((p) => p.router === routers[1])!;
      expect(secondPeer.consumers.size).toBe(2);

      // a producer that starts later reaches the overflow router too
      const screen = await host.ok('produce', produceRequest(send!, 'screen', 1));
      await second.waitForOffers(3);
      expect(second.offered[2].producerId).toBe(screen.id);

      // the overflow worker dies: its viewers are told to reconnect, the room carries on
      process.kill(routers[1].worker.pid, 'SIGKILL');
      await second.waitForEvent('removed', (p: { reason: string }) => p.reason === 'mediaFailure');
      expect(media.sfu.rooms.get(room)?.closed).toBe(false);
      expect(media.sfu.rooms.get(room)!.routerList).toHaveLength(1);

      // the primary worker dies: the room closes for everyone
      process.kill(primary.worker.pid, 'SIGKILL');
      await first.waitForEvent('roomClosed', (p: { reason: string }) => p.reason === 'mediaFailure');
      await waitFor(() => media.sfu.health().status === 'up', 10_000, 'both workers replaced');
    });

    it('an invited viewer on an overflow router publishes on the primary, piped to every router', async () => {
      const room = newRoom();
      const host = await connect(room, 'host');
      const { send } = await host.enter({ send: true });
      await host.ok('produce', produceRequest(send!, 'camera'));
      await host.ok('produce', produceRequest(send!, 'mic'));
      const first = await connect(room, 'viewer');
      await first.enter();
      await first.waitForOffers(2);
      const [primary] = media.sfu.rooms.get(room)!.routerList;
      await waitFor(() => primary.worker.consumers >= 2, 2000, 'two consumers on the primary worker');

      const guest = await connect(room, 'viewer', 'guest-1', true);
      const { join, rtpCapabilities } = await guest.enter();
      const guestPeer = serverPeers(room).find((p) => p.id === join.you.id)!;
      const overflow = media.sfu.rooms.get(room)!.routerList[1];
      expect(guestPeer.router).toBe(overflow);
      const other = await connect(room, 'viewer');
      await other.enter();
      await other.waitForOffers(2);

      await host.ok('inviteCohost', { peerId: join.you.id });
      await guest.waitForEvent('publishPermission', (p: { allowed: boolean }) => p.allowed);
      const guestSend = await guest.transport('send');
      const camera = await guest.ok('produce', produceRequest(guestSend, 'camera'));
      expect(
        primary.router.canConsume({
          producerId: camera.id,
          rtpCapabilities: rtpCapabilities as Parameters<
            typeof primary.router.canConsume
          >[0]['rtpCapabilities'],
        }),
      ).toBe(true);
      await waitFor(() => overflow.piped.has(camera.id), 2000, 'the guest camera piped');
      for (const viewer of [first, other]) {
        await viewer.waitForOffers(3);
        expect(viewer.offered[2]).toMatchObject({ producerId: camera.id, peerId: join.you.id });
      }
    });
  });
});
