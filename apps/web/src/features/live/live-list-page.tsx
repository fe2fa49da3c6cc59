import type { LiveSessionView, Role } from '@app/contracts';
import { Link } from 'react-router-dom';
import { useUser } from '../../auth/auth-context';
import { errorText, useI18n } from '../../i18n';
import { liveApi } from './live-api';
import { SessionCard } from './session-card';
import { useLoad } from './use-load';

export const HOST_ROLES: readonly Role[] = ['anchor', 'trainee', 'instructor'];
/** the newest replays shown under the live and upcoming streams */
const REPLAYS_SHOWN = 12;

/** `/live`: who is live now, what is coming up (times in the viewer's own zone), and replays. */
export function LiveListPage() {
  const { t } = useI18n();
  const user = useUser();
  // live numbers change; a quiet refresh every 30 s keeps the list honest without a socket
  const list = useLoad('live-list', (signal) => liveApi.list(signal), 30_000);
  // apart from the list: the streams on now must not wait for, or fail with, the replays
  const replays = useLoad(
    'live-replays',
    (signal) => liveApi.list(signal, { status: 'ended', replay: 'ready', limit: REPLAYS_SHOWN }),
    60_000,
  );
  const canHost = user?.roles.some((r) => HOST_ROLES.includes(r)) ?? false;

  const linkFor = (s: LiveSessionView) => (s.host.id === user?.id ? `/live/studio/${s.id}` : `/live/${s.id}`);
  const sessions = list.status === 'ready' ? list.data : [];
  const live = sessions.filter((s) => s.status === 'live');
  const upcoming = sessions.filter((s) => s.status === 'scheduled');

  return (
    <div className="live-page">
      <section className="hero hero-compact live-hero">
        <h1>{t('live.list.title')}</h1>
        <p className="lead">{t('live.list.lead')}</p>
        {canHost && (
          <Link className="button" to="/live/studio">
            {t('live.list.goLive')}
          </Link>
        )}
      </section>
      {list.status === 'loading' && (
        <p className="page-status" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('app.loading')}
        </p>
      )}
      {list.status === 'failed' && (
        <div className="page-status" role="alert">
          <p>{errorText(list.error, t)}</p>
          <button type="button" className="button button-secondary" onClick={list.reload}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {list.status === 'ready' && (
        <>
          <SessionSection
            title={t('live.list.liveNow')}
            empty={t('live.list.noneLive')}
            sessions={live}
            linkFor={linkFor}
          />
          <SessionSection
            title={t('live.list.upcoming')}
            empty={t('live.list.noneUpcoming')}
            sessions={upcoming}
            linkFor={linkFor}
          />
          {replays.status === 'ready' && replays.data.length > 0 && (
            <SessionSection
              title={t('live.list.replays')}
              empty=""
              sessions={replays.data}
              linkFor={(s) => `/live/${s.id}`}
            />
          )}
        </>
      )}
    </div>
  );
}

function SessionSection(props: {
  title: string;
  empty: string;
  sessions: LiveSessionView[];
  linkFor(s: LiveSessionView): string;
}) {
  return (
    <section className="live-section">
      <h2 className="section-title">{props.title}</h2>
      {props.sessions.length === 0 ? (
        <p className="live-empty">{props.empty}</p>
      ) : (
        <ul className="live-grid">
          {props.sessions.map((s) => (
            <li key={s.id}>
              <SessionCard session={s} to={props.linkFor(s)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
