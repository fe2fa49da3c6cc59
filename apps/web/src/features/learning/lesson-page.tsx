import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { LessonView } from '@app/contracts';
import { CheckIcon } from '../../components/icons';
import { FormAlert } from '../../components/form-alert';
import { errorText, useI18n } from '../../i18n';
import { loadCourseContext, type CourseContext } from './course-context';
import { lessonsInOrder } from './course-outline';
import { learningApi } from './learning-api';
import { BackLink, Loaded } from './page-parts';
import { useApiData } from './use-api-data';
import { VideoPlayer } from './video-player';

/** `/courses/:courseId/lessons/:lessonId`: a video, a text to read, or a live class's details. */
export function LessonPage() {
  const { courseId = '', lessonId = '' } = useParams();
  const data = useApiData(`course:${courseId}`, (signal) => loadCourseContext(courseId, signal));
  return (
    <div className="learn-page">
      <Loaded data={data}>{(ctx) => <LessonBody ctx={ctx} lessonId={lessonId} />}</Loaded>
    </div>
  );
}

function LessonBody({ ctx, lessonId }: { ctx: CourseContext; lessonId: string }) {
  const { t } = useI18n();
  // "next" crosses into the following module after a module's last lesson
  const lessons = lessonsInOrder(ctx.course);
  const index = lessons.findIndex((l) => l.id === lessonId);
  const lesson = lessons[index];
  const back = <BackLink to={`/courses/${ctx.course.id}`}>{ctx.course.title}</BackLink>;
  if (!lesson) {
    return (
      <>
        {back}
        <p className="learn-empty">{t('error.NOT_FOUND')}</p>
      </>
    );
  }
  const mine = ctx.progress?.lessons.find((l) => l.lessonId === lesson.id);
  const next = lessons[index + 1];
  return (
    <>
      {back}
      <p className="learn-kicker">{t(`learning.lessonKind.${lesson.kind}`)}</p>
      <h1>{lesson.title}</h1>
      {lesson.kind === 'video' && <VideoPlayer lesson={lesson} creditedHours={mine?.hours ?? 0} />}
      {(lesson.kind === 'text' || lesson.kind === 'practice') && (
        <ReadLesson lesson={lesson} done={mine?.completed ?? false} canComplete={ctx.enrollment !== null} />
      )}
      {lesson.kind === 'live_class' && <p className="learn-lead">{t('learning.lesson.liveClass')}</p>}
      {next && (
        <Link
          className="button button-secondary button-block"
          to={`/courses/${ctx.course.id}/lessons/${next.id}`}
        >
          {t('learning.lesson.next', { title: next.title })}
        </Link>
      )}
    </>
  );
}

function ReadLesson({
  lesson,
  done,
  canComplete,
}: {
  lesson: LessonView;
  done: boolean;
  canComplete: boolean;
}) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'busy' | 'done'>(done ? 'done' : 'idle');
  const [error, setError] = useState<unknown>(null);
  const complete = () => {
    setState('busy');
    setError(null);
    learningApi.completeLesson(lesson.id).then(
      () => setState('done'),
      (e: unknown) => {
        setError(e);
        setState('idle');
      },
    );
  };
  return (
    <>
      <article className="learn-text">{lesson.body}</article>
      <FormAlert message={error ? errorText(error, t) : null} />
      {state === 'done' ? (
        <p className="learn-done" role="status">
          <CheckIcon /> {t('learning.lesson.completed')}
        </p>
      ) : (
        canComplete && (
          <button
            type="button"
            className="button button-block"
            disabled={state === 'busy'}
            onClick={complete}
          >
            {t(state === 'busy' ? 'learning.lesson.completing' : 'learning.lesson.complete')}
          </button>
        )
      )}
    </>
  );
}
