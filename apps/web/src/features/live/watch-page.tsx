import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../format/format';
import { errorText, useI18n } from '../../i18n';
import { liveApi, prefetchRoomToken } from './live-api';
import { LiveNotice, LoadingStatus } from './live-notice';
import { EndedSession } from './replay-view';
import { useLoad } from './use-load';
import { WatchRoom } from './watch-room';

/**
 * `/live/:id`: the watch page. Scheduled streams show their time and turn live on their own; ended
 * ones show their replay, or its preparation until it is ready.
 */
export function WatchPage() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const observe = search.get('observe') === '1';
  // `again` remounts the room, e.g. after it was opened in another tab and the person comes back
  const [again, setAgain] = useState(0);
  useEffect(() => {
    if (!observe) prefetchRoomToken(id);
  }, [id, observe]);
  const loaded = useLoad(`session:${id}`, (signal) => liveApi.get(id, signal), 15_000);

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
  switch (session.status) {
    case 'scheduled':
      return (
        <LiveNotice
          title={session.title}
          body={
            session.scheduledStart
              ? t('live.startsAt', { time: formatDateTime(session.scheduledStart, locale) })
              : t('live.watch.notStarted')
          }
        >
          <p className="live-notice-host">{session.host.displayName}</p>
        </LiveNotice>
      );
    case 'ended':
      return <EndedSession session={session} onUpdate={loaded.set} />;
    case 'cancelled':
      return <LiveNotice title={t('live.watch.ended')} body={t('live.watch.endedBody')} />;
    case 'live':
      return (
        <WatchRoom
          key={again}
          session={session}
          observe={observe}
          onEnded={loaded.reload}
          onReopen={() => setAgain((n) => n + 1)}
          signInLink={
            <Link className="button" to={`/sign-in?next=${encodeURIComponent(`/live/${id}`)}`}>
              {t('live.watch.signIn')}
            </Link>
          }
        />
      );
  }
}
