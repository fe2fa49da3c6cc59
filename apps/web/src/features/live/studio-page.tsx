import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useUser } from '../../auth/auth-context';
import { errorText, useI18n } from '../../i18n';
import { formatDateTime } from '../../format/format';
import { liveApi } from './live-api';
import { LiveNotice, LoadingStatus } from './live-notice';
import { StudioCreateForm, kindsFor } from './studio-create-form';
import { StudioRoom } from './studio-room';
import { useLoad } from './use-load';

/** `/live/studio`: a new live stream, and the host's own scheduled or running ones. */
export function StudioHomePage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const kinds = kindsFor(user?.roles ?? []);
  const mine = useLoad('studio-mine', (signal) => liveApi.list(signal));
  if (!user) return null;
  if (kinds.length === 0)
    return <LiveNotice title={t('live.studio.title')} body={t('live.studio.notAllowed')} />;
  const own = mine.status === 'ready' ? mine.data.filter((s) => s.host.id === user.id) : [];
  return (
    <div className="live-page live-studio-home">
      <h1>{t('live.studio.title')}</h1>
      {own.length > 0 && (
        <section className="live-section">
          <h2 className="section-title">{t('live.studio.mine')}</h2>
          <ul className="live-mine">
            {own.map((s) => (
              <li key={s.id}>
                <Link className="live-mine-item" to={`/live/studio/${s.id}`}>
                  <span className="live-mine-title">{s.title}</span>
                  <span className="live-mine-meta">
                    {s.status === 'live' ? (
                      <span className="live-badge">{t('live.badge.live')}</span>
                    ) : s.scheduledStart ? (
                      t('live.startsAt', { time: formatDateTime(s.scheduledStart, locale) })
                    ) : (
                      t('live.badge.scheduled')
                    )}
                  </span>
                  <span className="button button-small button-secondary">{t('live.studio.open')}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <StudioCreateForm kinds={kinds} />
    </div>
  );
}

/** `/live/studio/:id`: the host's room for one live stream. */
export function StudioSessionPage() {
  const { t } = useI18n();
  const user = useUser();
  const { id = '' } = useParams();
  const [likes, setLikes] = useState<number | null>(null);
  const loaded = useLoad(`studio:${id}`, (signal) => liveApi.get(id, signal));
  if (loaded.status === 'loading') return <LoadingStatus />;
  if (loaded.status === 'failed')
    return (
      <LiveNotice title={errorText(loaded.error, t)}>
        <button type="button" className="button" onClick={loaded.reload}>
          {t('app.retry')}
        </button>
      </LiveNotice>
    );
  const session = loaded.data;
  if (user && session.host.id !== user.id && !user.roles.includes('admin'))
    return <LiveNotice title={session.title} body={t('error.FORBIDDEN')} />;
  if (session.status === 'ended' || session.status === 'cancelled')
    return (
      <section className="panel panel-center live-notice">
        <h1>{t('live.studio.ended')}</h1>
        {likes !== null && <p>{t('live.studio.endedBody', { likes })}</p>}
        <Link className="button" to="/live/studio">
          {t('live.studio.another')}
        </Link>
        <Link className="button button-secondary" to="/live">
          {t('live.watch.more')}
        </Link>
      </section>
    );
  return (
    <StudioRoom
      session={session}
      onChanged={(next, finalLikes) => {
        if (finalLikes !== undefined) setLikes(finalLikes);
        loaded.set(next);
      }}
    />
  );
}
