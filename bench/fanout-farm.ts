/**
 * The fan-out bench's viewers, run in worker threads (one per core) so that neither the receivers
 * nor the media app under test wait on each other's event loop. A farm thread holds werift
 * receivers and, for our side, each viewer's socket.io signaling client; the main thread asks it
 * to add viewers, for counts, and to close everything.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { io, Socket } from 'socket.io-client';
import type { NewConsumer, TransportInfo } from '@app/contracts';
import { WeriftReceiver } from '@app/testing/werift-receiver';
import type { ServerConsumerParams, ServerTransportParams } from '@app/testing/werift-receiver';

export interface ViewerCounts {
  received: number;
  expected: number;
  joinedAt: number;
  firstKeyFrameAt: number;
}

type DtlsAnswer = Awaited<ReturnType<typeof WeriftReceiver.answer>>['dtlsParameters'];

type Request =
  | { op: 'join'; url: string; token: string; caps: unknown; joinedAt: number }
  | { op: 'answer'; transport: ServerTransportParams; consumer: ServerConsumerParams; joinedAt: number }
  | { op: 'counts' }
  | { op: 'close' };

type Reply =
  | { id: number; ok: true; data: { key?: string; dtlsParameters?: DtlsAnswer; counts?: ViewerCounts[] } }
  | { id: number; ok: false; error: string };

// ---- main-thread side ----

/** Viewers spread round-robin over one worker thread per core. */
export class Farm {
  private readonly threads: Worker[];
  private next = 0;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (d: unknown) => void; reject: (e: Error) => void }>();

  constructor(threads = cpus().length) {
    this.threads = Array.from({ length: threads }, () => {
      const worker = new Worker(__filename);
      worker.on('message', (reply: Reply) => {
        const p = this.pending.get(reply.id);
        if (!p) return;
        this.pending.delete(reply.id);
        if (reply.ok) p.resolve(reply.data);
        else p.reject(new Error(reply.error));
      });
      worker.on('error', (error) => {
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
      });
      return worker;
    });
  }

  private ask<T>(thread: Worker, request: Request): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (d: unknown) => void, reject });
      thread.postMessage({ id, request });
    });
  }

  private pick(): Worker {
    return this.threads[this.next++ % this.threads.length];
  }

  /** A viewer of our media app: socket.io signaling with a room token, then WebRTC. */
  async join(url: string, token: string, caps: unknown): Promise<void> {
    await this.ask(this.pick(), { op: 'join', url, token, caps, joinedAt: Date.now() });
  }

  /** A bare receiver for a transport and consumer the caller made; connect the transport with the answer. */
  async answer(
    transport: ServerTransportParams,
    consumer: ServerConsumerParams,
    joinedAt: number,
  ): Promise<DtlsAnswer> {
    const data = await this.ask<{ dtlsParameters: DtlsAnswer }>(this.pick(), {
      op: 'answer',
      transport,
      consumer,
      joinedAt,
    });
    return data.dtlsParameters;
  }

  async counts(): Promise<ViewerCounts[]> {
    const all = await Promise.all(
      this.threads.map((t) => this.ask<{ counts: ViewerCounts[] }>(t, { op: 'counts' })),
    );
    return all.flatMap((a) => a.counts);
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => this.ask(t, { op: 'close' }).catch(() => undefined)));
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}

// ---- farm-thread side ----

interface Viewer {
  receiver: WeriftReceiver;
  joinedAt: number;
  socket?: Socket;
}

const viewers: Viewer[] = [];

async function joinOurs(url: string, token: string, caps: unknown, joinedAt: number): Promise<void> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  const request = async <T>(event: string, body: unknown): Promise<T> => {
    const ack = (await socket.timeout(20_000).emitWithAck(event, body)) as
      { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
    if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
    return ack.data;
  };
  const recv: { transport?: TransportInfo } = {};
  const received = new Promise<WeriftReceiver>((resolve, reject) => {
    socket.on('newConsumer', (offer: NewConsumer, ack: (a: unknown) => void) => {
      const transport = recv.transport;
      if (!transport || offer.kind !== 'video')
        return ack({ ok: false, error: { code: 'CONFLICT', message: '' } });
      WeriftReceiver.answer(transport, offer)
        .then(async ({ receiver, dtlsParameters }) => {
          await request('connectWebRtcTransport', { transportId: transport.id, dtlsParameters });
          ack({ ok: true, data: {} }); // the server resumes the consumer and asks for a key frame
          resolve(receiver);
        })
        .catch((error: unknown) => {
          ack({ ok: false, error: { code: 'MEDIA_BAD_PARAMETERS', message: String(error) } });
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    await request('getRouterRtpCapabilities', {});
    recv.transport = await request<TransportInfo>('createWebRtcTransport', { direction: 'recv' });
    await request('join', { rtpCapabilities: caps });
    viewers.push({ receiver: await received, joinedAt, socket });
  } catch (error) {
    socket.close();
    throw error;
  }
}

async function handle(request: Request): Promise<{ dtlsParameters?: DtlsAnswer; counts?: ViewerCounts[] }> {
  switch (request.op) {
    case 'join':
      await joinOurs(request.url, request.token, request.caps, request.joinedAt);
      return {};
    case 'answer': {
      const { receiver, dtlsParameters } = await WeriftReceiver.answer(request.transport, request.consumer);
      viewers.push({ receiver, joinedAt: request.joinedAt });
      return { dtlsParameters };
    }
    case 'counts':
      return {
        counts: viewers.map((v) => ({
          ...v.receiver.counts(),
          joinedAt: v.joinedAt,
          firstKeyFrameAt: v.receiver.firstKeyFrameAt,
        })),
      };
    case 'close':
      await Promise.all(
        viewers.splice(0).map(async (v) => {
          v.socket?.close();
          await v.receiver.close();
        }),
      );
      return {};
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', ({ id, request }: { id: number; request: Request }) => {
    handle(request).then(
      (data) => port.postMessage({ id, ok: true, data } satisfies Reply),
      (error: unknown) => port.postMessage({ id, ok: false, error: String(error) } satisfies Reply),
    );
  });
}

export const viewerName = (): string => `viewer-${randomUUID().slice(0, 8)}`;
