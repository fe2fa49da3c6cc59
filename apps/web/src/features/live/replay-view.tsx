import { useEffect, useState } from 'react';
import type { LiveSessionView } from '@app/contracts';
import { formatDateTime } from '../../format/format';
import { useRenewableVideo, VideoFailure } from '../../components/renewable-video';
import { useI18n } from '../../i18n';
import { ClockIcon } from './live-icons';
import { liveApi } from './live-api';
import { LiveNotice } from './live-notice';
import { formatClock } from './live-text';

/** While a replay is being prepared the page asks again this often, and switches by itself. */
const PREPARING_POLL_MS = 3_000;

/**
 * An ended session on the watch page: its replay when there is one, the wait while it is being
 * prepared, or why there is none.
 */
export function EndedSession({
  session,
  onUpdate,
}: {
  session: LiveSessionView;
  onUpdate(session: LiveSessionView): void;
}) {
  const { t } = useI18n();
  switch (session.replay.status) {
    case 'ready':
      return <ReplayPlayer session={session} />;
    case 'recording':
    case 'processing':
      return <ReplayPreparing session={session} onUpdate={onUpdate} />;
    case 'failed':
      return <LiveNotice title={t('live.replay.failed')} body={t('live.replay.failedBody')} />;
    case 'none':
      return <LiveNotice title={t('live.watch.ended')} body={t('live.watch.endedBody')} />;
  }
}

function ReplayPreparing({
  session,
  onUpdate,
}: {
  session: LiveSessionView;
  onUpdate(session: LiveSessionView): void;
}) {
  const { t } = useI18n();
  const now = useNow(1000);
  const since = Date.parse(session.endedAt ?? session.startedAt ?? session.createdAt);

  useEffect(() => {
    const abort = new AbortController();
    const timer = window.setInterval(() => {
      liveApi.get(session.id, abort.signal).then(
        (next) => {
          if (!abort.signal.aborted && next.replay.status !== session.replay.status) onUpdate(next);
        },
        () => undefined, // offline for a moment: the next round asks again
      );
    }, PREPARING_POLL_MS);
    return () => {
      abort.abort();
      window.clearInterval(timer);
    };
  }, [session.id, session.replay.status, onUpdate]);

  return (
    <LiveNotice title={session.title} body={t('live.replay.preparing')}>
      <p className="live-notice-host">{session.host.displayName}</p>
      <div className="live-replay-progress" role="status" aria-live="polite">
        <progress aria-label={t('live.replay.preparingLabel')} />
        <p>
          {t('live.replay.elapsed', { time: formatClock(Math.max(0, now - since)) })}
          <br />
          {t('live.replay.preparingHint')}
        </p>
      </div>
    </LiveNotice>
  );
}

function ReplayPlayer({ session }: { session: LiveSessionView }) {
  const { t, locale } = useI18n();
  const { src, failure, videoProps } = useRenewableVideo(session.id, (signal) =>
    liveApi.replay(session.id, signal),
  );

  const when = session.startedAt ?? session.endedAt;
  return (
    <section className="panel live-replay">
      <div className="live-replay-frame">
        {src && <video {...videoProps} aria-label={t('live.replay.video', { title: session.title })} />}
      </div>
      <VideoFailure failure={failure} cannotPlay={t('live.replay.cannotPlay')} />
      <div className="live-replay-meta">
        <span className="badge">{t('live.badge.replay')}</span>
        <h1>{session.title}</h1>
        <p className="live-notice-host">{session.host.displayName}</p>
        <p className="live-replay-facts">
          {when && (
            <time dateTime={when}>{t('live.replay.streamedAt', { time: formatDateTime(when, locale) })}</time>
          )}
          {session.replay.durationMs !== null && (
            <span className="live-card-stat">
              <ClockIcon />
              {t('live.replay.duration', { time: formatClock(session.replay.durationMs) })}
            </span>
          )}
        </p>
      </div>
    </section>
  );
}

/** The current time, re-read every `everyMs` (for a ticking elapsed time). */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
