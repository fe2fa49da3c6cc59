/**
 * Real WebRTC peers in Node for media tests and benchmarks (see docs in
 * /work/shared/notes/webrtc-testing.md):
 * - `@roamhq/wrtc`: a full WebRTC stack (libwebrtc, encodes and decodes). Installed as the
 *   WebRTC globals, mediasoup-client 3.24 runs on it with `handlerName: 'Chrome111'`, so the
 *   client library (`@app/media-client`) is tested as a browser would run it.
 * - `werift` receivers (see werift-receiver.ts): RTP only, no decoding; for load.
 * The native modules are loaded on first use, so importing `@app/testing` stays cheap.
 */
import type * as Wrtc from '@roamhq/wrtc';

let wrtc: typeof Wrtc | undefined;

function loadWrtc(): typeof Wrtc {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  wrtc ??= require('@roamhq/wrtc') as typeof Wrtc;
  return wrtc;
}

/** Makes wrtc the WebRTC implementation of this process (what mediasoup-client looks for). Idempotent. */
export function installWrtcGlobals(): void {
  const w = loadWrtc();
  const g = globalThis as Record<string, unknown>;
  g.RTCPeerConnection = w.RTCPeerConnection;
  g.RTCSessionDescription = w.RTCSessionDescription;
  g.RTCIceCandidate = w.RTCIceCandidate;
  g.MediaStream = w.MediaStream;
  g.MediaStreamTrack = (w as unknown as Record<string, unknown>).MediaStreamTrack;
}

export interface SyntheticVideo {
  track: MediaStreamTrack;
  /** frames handed to the encoder so far */
  readonly framesSent: number;
  /** stops the frame clock and the track; idempotent */
  stop(): void;
}

/**
 * A camera without a camera: wrtc's RTCVideoSource fed I420 frames on a timer. A bar sweeps across
 * a changing background so the encoder produces real inter frames, not a static picture.
 */
export function syntheticVideo({ width = 640, height = 360, fps = 15 } = {}): SyntheticVideo {
  const w = loadWrtc();
  const source = new w.nonstandard.RTCVideoSource();
  const track = source.createTrack() as unknown as MediaStreamTrack;
  const lumaSize = width * height;
  const data = new Uint8Array(lumaSize * 1.5).fill(128);
  let n = 0;
  const timer = setInterval(
    () => {
      const bar = (n * 8) % width;
      data.fill((n * 3) % 200, 0, lumaSize);
      for (let y = 0; y < height; y += 1)
        data.fill(235, y * width + bar, y * width + Math.min(width, bar + 16));
      source.onFrame({ width, height, data });
      n++;
    },
    Math.round(1000 / fps),
  );
  let stopped = false;
  return {
    track,
    get framesSent() {
      return n;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      track.stop();
    },
  };
}

export interface FrameCounter {
  /** frames decoded and delivered to the sink so far */
  readonly frames: number;
  /** Date.now() of the last frame, 0 before the first */
  readonly lastFrameAt: number;
  readonly stopped: boolean;
  /** idempotent; a sink left running keeps the Node process alive */
  stop(): void;
}

/** Counts decoded frames of a received video track (wrtc's RTCVideoSink): what a viewer would see. */
export function countFrames(track: MediaStreamTrack): FrameCounter {
  const w = loadWrtc();
  const sink = new w.nonstandard.RTCVideoSink(
    track as unknown as ConstructorParameters<typeof w.nonstandard.RTCVideoSink>[0],
  );
  let frames = 0;
  let lastFrameAt = 0;
  (sink as unknown as { onframe: () => void }).onframe = () => {
    frames++;
    lastFrameAt = Date.now();
  };
  let stopped = false;
  return {
    get frames() {
      return frames;
    },
    get lastFrameAt() {
      return lastFrameAt;
    },
    get stopped() {
      return stopped;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      sink.stop();
    },
  };
}

/** pids of this process's children running `name` (from /proc), to prove nothing was left behind. */
export function childProcessesNamed(name: string, parentPid = process.pid): number[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may contain spaces, so split after the last ')'
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parentPid && comm.startsWith(name.slice(0, 15))) pids.push(Number(entry));
    } catch {
      // the process went away while we looked
    }
  }
  return pids;
}
