import { useEffect, useRef, useState } from 'react';
import type { LessonView } from '@app/contracts';
import { errorText, useI18n } from '../../i18n';
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
  const video = useRef<HTMLVideoElement>(null);
  const [src, setSrc] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const renewed = useRef(false);
  const resumeAt = useRef(0);
  const { watch, handlers } = useHeartbeats(lesson.id, creditedHours * MS_PER_HOUR);

  useEffect(() => {
    let live = true;
    learningApi.videoLink(lesson.id).then(
      (link) => live && setSrc(link.url),
      (e: unknown) => live && setFailure(e),
    );
    return () => {
      live = false;
    };
  }, [lesson.id]);

  const onError = () => {
    if (renewed.current) {
      setFailure(new Error('playback'));
      return;
    }
    renewed.current = true;
    resumeAt.current = video.current?.currentTime ?? 0;
    learningApi.videoLink(lesson.id).then((link) => setSrc(link.url), setFailure);
  };

  const duration = lesson.videoDurationSec ?? 0;
  const watchedShare =
    watch.watchedSec !== null && duration > 0
      ? Math.min(100, Math.round((watch.watchedSec / duration) * 100))
      : null;
  return (
    <div className="learn-video">
      <div className="learn-video-frame">
        {src && (
          <video
            ref={video}
            src={src}
            controls
            playsInline
            preload="metadata"
            controlsList="nodownload"
            {...handlers}
            onError={onError}
            onLoadedMetadata={(e) => {
              if (resumeAt.current > 0) e.currentTarget.currentTime = resumeAt.current;
            }}
          />
        )}
      </div>
      {failure !== null && (
        <p className="form-alert" role="alert">
          {failure instanceof Error && failure.message === 'playback'
            ? t('learning.video.cannotPlay')
            : errorText(failure, t)}
        </p>
      )}
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
