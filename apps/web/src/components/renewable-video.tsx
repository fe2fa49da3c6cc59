import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { errorText, useI18n } from '../i18n';

/**
 * A `<video>` streamed through a short-lived signed link (a `<video>` element cannot send the
 * sign-in token): the link is fetched for `key`, renewed once when playback fails (a link that
 * expired while the page stayed open), and playback resumes where it stopped. Spread `videoProps`
 * (the link, the player's controls without download, the renewal) on the element once `src` is set; a second failure is the `'playback'` failure.
 */
export function useRenewableVideo(
  key: string,
  fetchLink: (signal?: AbortSignal) => Promise<{ url: string }>,
): {
  src: string | null;
  failure: unknown;
  videoProps: {
    src: string | undefined;
    controls: true;
    playsInline: true;
    preload: 'metadata';
    controlsList: string;
    onError(e: SyntheticEvent<HTMLVideoElement>): void;
    onLoadedMetadata(e: SyntheticEvent<HTMLVideoElement>): void;
  };
} {
  const [src, setSrc] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const renewed = useRef(false);
  const resumeAt = useRef(0);
  const fetchRef = useRef(fetchLink);
  fetchRef.current = fetchLink;

  useEffect(() => {
    const abort = new AbortController();
    fetchRef.current(abort.signal).then(
      (link) => !abort.signal.aborted && setSrc(link.url),
      (e: unknown) => !abort.signal.aborted && setFailure(e),
    );
    return () => abort.abort();
  }, [key]);

  return {
    src,
    failure,
    videoProps: {
      src: src ?? undefined,
      controls: true,
      playsInline: true,
      preload: 'metadata',
      controlsList: 'nodownload',
      onError: (e) => {
        if (renewed.current) return setFailure(new Error('playback'));
        renewed.current = true;
        resumeAt.current = e.currentTarget.currentTime;
        fetchRef.current().then((link) => setSrc(link.url), setFailure);
      },
      onLoadedMetadata: (e) => {
        if (resumeAt.current > 0) e.currentTarget.currentTime = resumeAt.current;
      },
    },
  };
}

/** Why the video does not play: `cannotPlay` when the renewed link failed too, else the error's text. */
export function VideoFailure({ failure, cannotPlay }: { failure: unknown; cannotPlay: string }) {
  const { t } = useI18n();
  if (failure === null) return null;
  return (
    <p className="form-alert" role="alert">
      {failure instanceof Error && failure.message === 'playback' ? cannotPlay : errorText(failure, t)}
    </p>
  );
}
