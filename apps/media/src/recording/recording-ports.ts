import { createSocket } from 'node:dgram';
import type { MediaConfig } from '@app/config';

/**
 * Ports ffmpeg listens on for a recording (an RTP port and RTP + 1 for RTCP, per stream).
 *
 * The worker pool's convention (worker-pool.ts): worker i's WebRtcServer takes rtcPortBase + i,
 * and the workers' own transports (pipe, plain) take the 10 000 ports above those. Recording ports
 * come next, so a worker never picks a port ffmpeg is about to bind: with the defaults
 * (rtcPortBase 20000) that is 30000 + numWorkers and up, still below Linux's ephemeral range.
 */
export function recordingPortRange(media: Pick<MediaConfig, 'rtcPortBase' | 'numWorkers'>): {
  min: number;
  max: number;
} {
  const min = media.rtcPortBase + media.numWorkers + 10_000;
  return { min: min + (min % 2), max: Math.min(65535, min + 999) };
}

/**
 * Hands out even/odd port pairs in a range, round robin, each checked free by binding it (another
 * process may hold one); the pair stays reserved here until released.
 */
export class RecordingPorts {
  private readonly reserved = new Set<number>();
  private next: number;

  constructor(
    private readonly ip: string,
    private readonly min: number,
    private readonly max: number,
  ) {
    this.next = min;
  }

  /** An RTP port (even); RTCP is port + 1. */
  async take(): Promise<number> {
    const pairs = Math.floor((this.max - this.min + 1) / 2);
    for (let i = 0; i < pairs; i++) {
      const port = this.next;
      this.next = port + 2 > this.max - 1 ? this.min : port + 2;
      if (this.reserved.has(port)) continue;
      if ((await isFree(this.ip, port)) && (await isFree(this.ip, port + 1))) {
        this.reserved.add(port);
        return port;
      }
    }
    throw new Error(`no free recording port pair in ${this.min}-${this.max}`);
  }

  release(port: number): void {
    this.reserved.delete(port);
  }
}

/** Whether a UDP port can be bound now; false also means "somebody (ffmpeg) is listening on it". */
export function isFree(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      try {
        socket.close();
      } catch {
        // never bound: nothing to close
      }
      resolve(false);
    });
    socket.bind(port, ip, () => socket.close(() => resolve(true)));
  });
}
