import { useEffect, useMemo, useRef, useState } from 'react';
import type { RemoteTrack } from '@app/media-client';

export type VideoRole = 'host' | 'cohost' | 'self';

interface MediaVideoProps {
  stream: MediaStream | null;
  /** what this picture is, for styling and for tests (`data-stage`) */
  role: VideoRole;
  label: string;
  muted: boolean;
  /** a front camera seen by its own user looks right only mirrored */
  mirrored?: boolean;
  /** the browser refused to play with sound before the person touched the page */
  onAutoplayBlocked?(): void;
  className?: string;
}

/** A <video> playing a MediaStream inline (never full-screen on its own on iPhones). */
export function MediaVideo({
  stream,
  role,
  label,
  muted,
  mirrored,
  onAutoplayBlocked,
  className,
}: MediaVideoProps) {
  const ref = useRef<HTMLVideoElement>(null);
  const [ratio, setRatio] = useState<string | undefined>(undefined);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = stream;
    video.muted = muted;
    if (!stream) return;
    video.play().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'NotAllowedError' && !video.muted) {
        // play silently now; the page offers a tap for sound
        video.muted = true;
        onAutoplayBlocked?.();
        video.play().catch(() => undefined);
      }
    });
    // `muted` is applied by the effect below; re-running this one would restart playback
  }, [stream, onAutoplayBlocked]);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.muted = muted;
    if (!muted && video.srcObject) video.play().catch(() => undefined);
  }, [muted]);

  return (
    <video
      ref={ref}
      className={`live-video${mirrored ? ' live-video-mirrored' : ''}${className ? ` ${className}` : ''}`}
      data-stage={role}
      aria-label={label}
      autoPlay
      playsInline
      muted={muted}
      style={ratio ? { aspectRatio: ratio } : undefined}
      // the picture's own shape (a phone held upright sends portrait video)
      onResize={(e) => {
        const v = e.currentTarget;
        if (v.videoWidth && v.videoHeight) setRatio(`${v.videoWidth} / ${v.videoHeight}`);
      }}
    />
  );
}

/** One MediaStream for a peer's tracks (camera and mic together keep lips and voice in sync). */
export function useTrackStream(tracks: RemoteTrack[]): MediaStream | null {
  const ids = tracks.map((t) => t.track.id).join(',');
  return useMemo(
    () => (tracks.length ? new MediaStream(tracks.map((t) => t.track)) : null),
    // keyed by the tracks' identity: the RemoteTrack copies are new objects on every update
    [ids],
  );
}
