import { useCallback, useEffect, useRef, useState } from 'react';
import { errorCode, type MediaSession } from '@app/media-client';
import { useLocalMedia } from './use-local-media';

export type StagePhase = 'off' | 'joining' | 'on';

/**
 * A viewer the host invited on stage: opens camera and mic on "accept", publishes them as a
 * cohost, and stops (camera light off) on "leave" or when the host takes the invitation back.
 */
export function useStagePublisher(session: MediaSession | null, canPublish: boolean) {
  const [phase, setPhase] = useState<StagePhase>('off');
  const [error, setError] = useState<string | null>(null);
  const [removed, setRemoved] = useState(false);
  const media = useLocalMedia(phase !== 'off');
  const wasOn = useRef(false);

  useEffect(() => {
    if (phase !== 'joining' || !session) return;
    if (media.failed) {
      setError('MEDIA_DEVICES');
      setPhase('off');
      return;
    }
    const stream = media.stream;
    if (!stream) return;
    session
      .publish({ camera: stream.getVideoTracks()[0] ?? null, mic: stream.getAudioTracks()[0] ?? null })
      .then(
        () => setPhase('on'),
        (e: unknown) => {
          setError(errorCode(e) ?? 'MEDIA_UNAVAILABLE');
          setPhase('off');
        },
      );
  }, [phase, session, media.stream, media.failed]);

  // the host removed this cohost: the library has closed the producers already
  useEffect(() => {
    if (canPublish) {
      setRemoved(false);
      return;
    }
    if (wasOn.current) setRemoved(true);
    wasOn.current = false;
    setPhase('off');
  }, [canPublish]);
  useEffect(() => {
    if (phase === 'on') wasOn.current = true;
  }, [phase]);

  const join = useCallback(() => {
    setError(null);
    setPhase('joining');
  }, []);

  const leave = useCallback(() => {
    wasOn.current = false;
    setPhase('off');
    session?.publish({ camera: null, mic: null }).catch(() => undefined);
  }, [session]);

  return { phase, error, removed, stream: phase === 'on' ? media.stream : null, join, leave };
}
