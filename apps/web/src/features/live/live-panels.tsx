import type { ComponentType } from 'react';
import type { LiveSessionView } from '@app/contracts';

/**
 * Slots for other features' panels in the live pages (a pinned product and flash sale for a
 * sale, a lesson outline or a quiz for a class). A feature adds an entry to LIVE_PANELS; the
 * studio and the watch page render every entry whose area and audience match.
 */
export interface LivePanelProps {
  session: LiveSessionView;
  /** who is looking: the host in the studio, a viewer (or a cohost) on the watch page */
  audience: 'host' | 'viewer';
}

export interface LivePanel {
  id: string;
  /** `stage`: right under the video (on a phone, above the chat); `side`: with the chat */
  area: 'stage' | 'side';
  audience: ReadonlyArray<LivePanelProps['audience']>;
  kinds: ReadonlyArray<LiveSessionView['kind']>;
  Component: ComponentType<LivePanelProps>;
}

export const LIVE_PANELS: LivePanel[] = [];

export function LivePanelArea({ area, ...props }: LivePanelProps & { area: LivePanel['area'] }) {
  const panels = LIVE_PANELS.filter(
    (p) => p.area === area && p.audience.includes(props.audience) && p.kinds.includes(props.session.kind),
  );
  if (panels.length === 0) return null;
  return (
    <div className={`live-panel-area live-panel-area-${area}`}>
      {panels.map(({ id, Component }) => (
        <Component key={id} {...props} />
      ))}
    </div>
  );
}
