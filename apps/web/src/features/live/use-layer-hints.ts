import { useEffect, type RefObject } from 'react';
import type { LinkHints, MediaSession } from '@app/media-client';

// The Network Information API (Chrome on Android, most Chinese Android browsers); absent on iOS.
interface NetworkInformation extends EventTarget {
  effectiveType?: string;
  saveData?: boolean;
  downlink?: number;
}

/**
 * Tells the session what this viewer can use, so the library's 'auto' policy picks the simulcast
 * layer: the tile's width in device pixels (capped at 2x: a sharper picture on a 3x screen is not
 * worth the data on a cheap plan), the link's type and speed, and the data-saver choice.
 */
export function useLayerHints(
  session: MediaSession | null,
  tileRef: RefObject<HTMLElement | null>,
  dataSaver: boolean,
): void {
  useEffect(() => {
    const tile = tileRef.current;
    if (!session || !tile) return;
    const connection = (navigator as Navigator & { connection?: NetworkInformation }).connection;
    const update = () => {
      const hints: LinkHints = {
        tileWidthPx: Math.round(tile.clientWidth * Math.min(window.devicePixelRatio || 1, 2)),
        effectiveType: connection?.effectiveType,
        saveData: connection?.saveData,
        downlinkMbps: connection?.downlink,
      };
      session.setLinkHints(hints);
    };
    update();
    const resize = new ResizeObserver(update);
    resize.observe(tile);
    connection?.addEventListener('change', update);
    return () => {
      resize.disconnect();
      connection?.removeEventListener('change', update);
    };
  }, [session, tileRef]);

  useEffect(() => {
    session?.setLayerPolicy(dataSaver ? 'low' : 'auto');
  }, [session, dataSaver]);
}
