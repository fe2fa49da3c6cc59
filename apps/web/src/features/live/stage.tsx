import type { ReactNode, RefObject } from 'react';
import { useI18n } from '../../i18n';
import { EyeIcon } from './live-icons';
import { formatCount } from './live-text';

interface StageProps {
  /** the main picture (the host's video, or the studio's own preview) */
  main: ReactNode;
  /** a guest's picture, shown small in a corner */
  tile?: ReactNode;
  /** a line over the picture: connecting, host away, reconnecting… */
  notice?: string | null;
  hostName: string;
  live: boolean;
  viewers: number | null;
  stageRef?: RefObject<HTMLDivElement | null>;
  children?: ReactNode;
}

/** The video area with who is live and how many watch drawn over it, like every live app. */
export function Stage({ main, tile, notice, hostName, live, viewers, stageRef, children }: StageProps) {
  const { t, locale } = useI18n();
  return (
    <div className="live-stage" ref={stageRef}>
      {main}
      <div className="live-stage-top">
        <span className="live-stage-host">
          <span className="live-avatar" aria-hidden="true">
            {hostName.slice(0, 1)}
          </span>
          <span className="live-stage-name">{hostName}</span>
          {live && <span className="live-badge">{t('live.badge.live')}</span>}
        </span>
        {viewers !== null && (
          <span className="live-stage-viewers" data-testid="viewer-count">
            <EyeIcon />
            {t('live.viewers', { count: formatCount(viewers, locale) })}
          </span>
        )}
      </div>
      {tile && <div className="live-stage-tile">{tile}</div>}
      {notice && (
        <p className="live-stage-notice" role="status">
          {notice}
        </p>
      )}
      {children}
    </div>
  );
}
