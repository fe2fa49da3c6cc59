import { randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RoomReport } from '@app/contracts';
import { roomToken, RunningMediaApp, startMediaApp, TestPeer, waitFor } from '../../test/media-test-kit';
import { RoomReportingService } from './room-reporting.service';

interface Received {
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  body: RoomReport;
  status: number;
}

/**
 * The api, reduced to the one route reporting calls. A stand-in on purpose: the api IS the boundary
 * under test here (what the media server sends, and how it rides out the api failing). The same
 * flow against the real api and its database: apps/media/test/room-reporting.e2e-spec.ts.
 */
class StandInApi {
  readonly received: Received[] = [];
  /** status to answer with; 204 = accepted */
  answer: (path: string) => number = () => 204;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<StandInApi> {
    const server = createServer();
    const api = new StandInApi(server);
    server.on('request', (req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const status = api.answer(req.url ?? '');
        api.received.push({
          at: Date.now(),
          path: req.url ?? '',
          headers: req.headers,
          body: JSON.parse(raw) as RoomReport,
          status,
        });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Reports of one room the api accepted. */
  accepted(room: string): RoomReport[] {
    return this.received
      .filter((r) => r.path === `/api/internal/live-sessions/${room}/report` && r.status === 204)
      .map((r) => r.body);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const INTERNAL_SECRET = 'reporting-int-spec-secret-0123456789abcdef';

describe('room reporting to the api (real worker, signaling peers, a stand-in api)', () => {
  let api: StandInApi;
  let media: RunningMediaApp;
  const peers: TestPeer[] = [];

  beforeEach(async () => {
    api = await StandInApi.start();
    media = await startMediaApp(
      { API_INTERNAL_URL: api.url, INTERNAL_SECRET },
      { reportIntervalMs: 100, hostGraceMs: 500 },
    );
  });
  afterEach(async () => {
    for (const p of peers.splice(0)) p.close();
    await media.app.close();
    await api.close();
  });

  const enter = async (room: string, role: 'host' | 'viewer', sub: string): Promise<TestPeer> => {
    const peer = await TestPeer.connect(media.url, roomToken({ room, role, sub }));
    peers.push(peer);
    await peer.enter({ send: role === 'host' });
    return peer;
  };
  const reporting = (): RoomReportingService => media.app.get(RoomReportingService);

  it('reports viewers, the peak and closed intervals, then `ended` once after everyone’s interval', async () => {
    const room = randomUUID();
    const host = await enter(room, 'host', 'host-1');
    const v1 = await enter(room, 'viewer', 'viewer-1');
    await enter(room, 'viewer', 'viewer-2');
    await waitFor(() => api.accepted(room).some((r) => r.viewersNow === 2), 3000, 'a report of 2 viewers');

    v1.close();
    await waitFor(() => api.accepted(room).some((r) => r.attendance.length > 0), 3000, 'an interval');
    const withInterval = api.accepted(room).find((r) => r.attendance.length > 0)!;
    expect(withInterval).toMatchObject({
      viewersNow: 1,
      peakViewers: 2,
      attendance: [{ userId: 'viewer-1', role: 'viewer' }],
    });
    expect(withInterval.ended).toBeUndefined();

    await host.ok('endRoom', {});
    await waitFor(() => api.accepted(room).some((r) => r.ended), 3000, 'the ended report');
    await new Promise((r) => setTimeout(r, 400)); // nothing may follow the end
    const reports = api.accepted(room);
    expect(reports.filter((r) => r.ended)).toHaveLength(1);
    expect(reports[reports.length - 1]).toMatchObject({ ended: true, viewersNow: 0, peakViewers: 2 });
    const intervals = reports.flatMap((r) => r.attendance);
    expect(intervals.map((a) => `${a.role}:${a.userId}`).sort()).toEqual([
      'host:host-1',
      'viewer:viewer-1',
      'viewer:viewer-2',
    ]);
    for (const a of intervals) {
      expect(new Date(a.joinedAt).toISOString()).toBe(a.joinedAt);
      expect(Date.parse(a.leftAt)).toBeGreaterThanOrEqual(Date.parse(a.joinedAt));
    }
    const sent = api.received.find((r) => r.path.includes(room))!;
    expect(sent.headers['x-internal-secret']).toBe(INTERNAL_SECRET);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(reporting().pending).toBe(0);
  });

  it('keeps intervals through api failures, backs off, and delivers a closed room’s end before forgetting it', async () => {
    const room = randomUUID();
    api.answer = () => 503;
    const host = await enter(room, 'host', 'host-2');
    const viewer = await enter(room, 'viewer', 'viewer-3');
    viewer.close();
    await waitFor(() => api.received.length >= 3, 5000, 'three failed reports');
    await host.ok('endRoom', {});
    await waitFor(() => media.sfu.rooms.get(room) === undefined, 3000, 'the room to close');
    // the room is gone from the SFU; its reporter is not, while the api keeps failing
    await new Promise((r) => setTimeout(r, 500));
    expect(reporting().pending).toBe(1);
    expect(api.accepted(room)).toEqual([]);

    const failed = api.received.filter((r) => r.status === 503).map((r) => r.at);
    const gaps = failed.slice(1).map((at, i) => at - failed[i]);
    expect(gaps[gaps.length - 1]).toBeGreaterThan(gaps[0]); // backoff grows

    api.answer = () => 204;
    await waitFor(() => reporting().pending === 0, 10_000, 'the last report to be delivered');
    const delivered = api.accepted(room);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ viewersNow: 0, peakViewers: 1, ended: true });
    expect(delivered[0].attendance.map((a) => a.userId).sort()).toEqual(['host-2', 'viewer-3']);
  });

  it('drops a report the api refuses for good (4xx) rather than retrying it forever', async () => {
    const room = randomUUID();
    api.answer = () => 404;
    const host = await enter(room, 'host', 'host-3');
    await host.ok('endRoom', {});
    await waitFor(() => reporting().pending === 0, 3000, 'the reporter to let go');
    const tries = api.received.filter((r) => r.path.includes(room) && r.body.ended);
    expect(tries).toHaveLength(1);
  });
});
