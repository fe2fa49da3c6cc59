import type { LiveSessionView } from '@app/contracts';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n';
import { ClockIcon, EyeIcon } from './live-icons';
import { formatCount } from './live-text';

/** One live stream in a list: who, what, and either how many watch now or when it starts. */
export function SessionCard({ session, to }: { session: LiveSessionView; to: string }) {
  const { t, locale } = useI18n();
  const live = session.status === 'live';
  return (
    <Link
      className={`live-card${live ? ' live-card-on' : ''}`}
      to={to}
      aria-label={t('live.list.watch', { title: session.title })}
    >
      <span className="live-card-top">
        {live ? (
          <span className="live-badge">{t('live.badge.live')}</span>
        ) : (
          <span className="badge">{t('live.badge.scheduled')}</span>
        )}
        <span className="live-card-kind">{t(`live.kind.${session.kind}`)}</span>
      </span>
      <span className="live-card-title">{session.title}</span>
      <span className="live-card-meta">
        <span className="live-card-host">
          <span className="live-avatar" aria-hidden="true">
            {session.host.displayName.slice(0, 1)}
          </span>
          {session.host.displayName}
        </span>
        {live ? (
          <span className="live-card-stat">
            <EyeIcon />
            {t('live.viewers', { count: formatCount(session.viewersNow, locale) })}
          </span>
        ) : (
          session.scheduledStart && (
            <span className="live-card-stat">
              <ClockIcon />
              <time dateTime={session.scheduledStart}>
                {t('live.startsAt', {
                  time: formatDateTime(session.scheduledStart, locale, {
                    dateStyle: 'medium',
                    timeStyle: 'short',
                  }),
                })}
              </time>
            </span>
          )
        )}
      </span>
    </Link>
  );
}
