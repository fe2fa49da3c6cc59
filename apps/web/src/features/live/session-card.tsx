import type { LiveSessionView } from '@app/contracts';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format/format';
import { useI18n } from '../../i18n';
import { ClockIcon, EyeIcon } from './live-icons';
import { formatClock, formatCount } from './live-text';

/**
 * One live stream in a list: who, what, and how many watch now, when it starts, or (a replay) when
 * it was and how long it runs.
 */
export function SessionCard({ session, to }: { session: LiveSessionView; to: string }) {
  const { t, locale } = useI18n();
  const live = session.status === 'live';
  const replay = session.status === 'ended' && session.replay.available;
  return (
    <Link
      className={`live-card${live ? ' live-card-on' : ''}`}
      to={to}
      aria-label={t(replay ? 'live.list.watchReplay' : 'live.list.watch', { title: session.title })}
    >
      <span className="live-card-top">
        {live ? (
          <span className="live-badge">{t('live.badge.live')}</span>
        ) : (
          <span className="badge">{t(replay ? 'live.badge.replay' : 'live.badge.scheduled')}</span>
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
        ) : replay ? (
          <ReplayFacts session={session} />
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

function ReplayFacts({ session }: { session: LiveSessionView }) {
  const { locale } = useI18n();
  const when = session.startedAt ?? session.endedAt;
  return (
    <span className="live-card-stat">
      <ClockIcon />
      {when && (
        <time dateTime={when}>
          {formatDateTime(when, locale, { dateStyle: 'medium', timeStyle: 'short' })}
        </time>
      )}
      {session.replay.durationMs !== null && <span>· {formatClock(session.replay.durationMs)}</span>}
    </span>
  );
}
