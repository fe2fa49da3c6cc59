/**
 * The WebRTC/MediaStream globals this library relies on exist in browsers, and in Node once a
 * WebRTC implementation (e.g. `@roamhq/wrtc`) is assigned to `globalThis`. The server-side
 * TypeScript program has no DOM lib, so the members used here are declared once; in a DOM program
 * this declaration merges with the real `MediaStreamTrack` (identical member types).
 */
declare global {
  interface MediaStreamTrack {
    readonly id: string;
    readonly kind: string;
    enabled: boolean;
    stop(): void;
  }
}

export {};
