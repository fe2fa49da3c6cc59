import type { LessonView } from '@app/contracts';
import { useRenewableVideo, VideoFailure } from '../../components/renewable-video';
import { useI18n } from '../../i18n';
import { learningApi } from './learning-api';
import { formatHours } from './learning-format';
import { useHeartbeats } from './use-heartbeats';

const MS_PER_HOUR = 3_600_000;

/**
 * The lesson video, streamed with Range requests from the api through a short-lived link (a
 * `<video>` element cannot send the sign-in token). A link that expired mid-lesson is renewed
 * once and playback resumes where it stopped.
 */
export function VideoPlayer({ lesson, creditedHours }: { lesson: LessonView; creditedHours: number }) {
  const { t, locale } = useI18n();
  const { src, failure, videoProps } = useRenewableVideo(lesson.id, () => learningApi.videoLink(lesson.id));
  const { watch, handlers } = useHeartbeats(lesson.id, creditedHours * MS_PER_HOUR);

  const duration = lesson.videoDurationSec ?? 0;
  const watchedShare =
    watch.watchedSec !== null && duration > 0
      ? Math.min(100, Math.round((watch.watchedSec / duration) * 100))
      : null;
  return (
    <div className="learn-video">
      <div className="learn-video-frame">{src && <video {...videoProps} {...handlers} />}</div>
      <VideoFailure failure={failure} cannotPlay={t('learning.video.cannotPlay')} />
      <p className="learn-credited" role="status">
        {t('learning.video.credited', { hours: formatHours(watch.creditedMs / MS_PER_HOUR, locale) })}
        {watchedShare !== null && ` · ${t('learning.video.watched', { percent: watchedShare })}`}
      </p>
      {watch.lastNote === 'too_fast_playback' && <p className="learn-note">{t('learning.video.tooFast')}</p>}
      {watch.lastNote === 'parallel_tab' && <p className="learn-note">{t('learning.video.parallelTab')}</p>}
      <p className="learn-note">{t('learning.video.howHoursCount')}</p>
    </div>
  );
}
