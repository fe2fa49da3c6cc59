import { Link, useParams } from 'react-router-dom';
import type { AssessmentView, CourseProgressView, LessonView } from '@app/contracts';
import { useUser } from '../../auth/auth-context';
import { CheckIcon, ChevronIcon } from '../../components/icons';
import { useI18n } from '../../i18n';
import { isInstructor, lessonsDone, loadCourseContext, type CourseContext } from './course-context';
import { formatHours } from './learning-format';
import { BackLink, Loaded, ProgressBar, Stat } from './page-parts';
import { useApiData } from './use-api-data';

/** `/courses/:courseId`: what the course asks for, the trainee's standing, then its lessons and tests. */
export function CoursePage() {
  const { courseId = '' } = useParams();
  const data = useApiData(`course:${courseId}`, (signal) => loadCourseContext(courseId, signal));
  const { t } = useI18n();
  return (
    <div className="learn-page">
      <BackLink to="/courses">{t('learning.courses.title')}</BackLink>
      <Loaded data={data}>{(ctx) => <CourseBody ctx={ctx} />}</Loaded>
    </div>
  );
}

function CourseBody({ ctx }: { ctx: CourseContext }) {
  const { t, locale } = useI18n();
  const { course, progress, certificate } = ctx;
  const total = course.modules.reduce((n, m) => n + m.lessons.length, 0);
  return (
    <>
      <h1>{course.title}</h1>
      <p className="learn-card-meta">
        {course.occupationCategory} ·{' '}
        {t('learning.course.evaluatedBy', { org: course.evaluatingOrganization.name })}
      </p>
      <dl className="learn-stats">
        <Stat label={t('learning.course.level')} value={t(`learning.level.${course.skillLevel}`)} />
        <Stat
          label={t('learning.course.requiredHours')}
          value={t('learning.course.hoursValue', { hours: formatHours(course.requiredHours, locale) })}
        />
        <Stat label={t('learning.course.credits')} value={String(course.credits)} />
      </dl>
      {progress && <Standing progress={progress} total={total} />}
      {certificate && (
        <Link className="button button-block" to={`/certificates/${certificate.id}`}>
          {t('learning.course.viewCertificate')}
        </Link>
      )}
      {course.modules.map((m) => (
        <section key={m.id} className="learn-section">
          <h2>{m.title}</h2>
          <ul className="learn-list">
            {m.lessons.map((lesson) => (
              <LessonRow key={lesson.id} courseId={course.id} lesson={lesson} progress={progress} />
            ))}
          </ul>
        </section>
      ))}
      {ctx.assessments.length > 0 && (
        <section className="learn-section">
          <h2>{t('learning.course.assessments')}</h2>
          <ul className="learn-list">
            {ctx.assessments.map((a) => (
              <AssessmentRow key={a.id} assessment={a} trainee={ctx.enrollment !== null} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Standing({ progress, total }: { progress: CourseProgressView; total: number }) {
  const { t, locale } = useI18n();
  return (
    <section className="learn-section learn-standing" aria-label={t('learning.progress.title')}>
      <ProgressBar
        label={t('learning.progress.hours')}
        value={progress.hours}
        max={progress.requiredHours}
        text={t('learning.progress.hoursOf', {
          done: formatHours(progress.hours, locale),
          required: formatHours(progress.requiredHours, locale),
        })}
      />
      <ProgressBar
        label={t('learning.progress.credits')}
        value={progress.credits}
        max={progress.requiredCredits}
        text={t('learning.progress.creditsValue', {
          done: progress.credits,
          required: progress.requiredCredits,
        })}
      />
      <p className="learn-card-meta">
        {t('learning.progress.lessonsOf', { done: lessonsDone(progress), total })}
        {' · '}
        {t('learning.progress.assessmentsOf', {
          done: progress.assessmentsPassed,
          total: progress.assessmentsTotal,
        })}
      </p>
    </section>
  );
}

function LessonRow({
  courseId,
  lesson,
  progress,
}: {
  courseId: string;
  lesson: LessonView;
  progress: CourseProgressView | null;
}) {
  const { t, locale } = useI18n();
  const mine = progress?.lessons.find((l) => l.lessonId === lesson.id);
  return (
    <li>
      <Link className="learn-row" to={`/courses/${courseId}/lessons/${lesson.id}`}>
        <span className={mine?.completed ? 'learn-tick learn-tick-done' : 'learn-tick'}>
          {mine?.completed && <CheckIcon />}
          <span className="learn-sr">
            {mine?.completed ? t('learning.lesson.done') : t('learning.lesson.notDone')}
          </span>
        </span>
        <span className="learn-row-main">
          <span className="learn-row-title">{lesson.title}</span>
          <span className="learn-card-meta">
            {t(`learning.lessonKind.${lesson.kind}`)}
            {mine &&
              mine.hours > 0 &&
              ` · ${t('learning.lesson.hours', { hours: formatHours(mine.hours, locale) })}`}
          </span>
        </span>
        <ChevronIcon />
      </Link>
    </li>
  );
}

function AssessmentRow({ assessment, trainee }: { assessment: AssessmentView; trainee: boolean }) {
  const { t } = useI18n();
  const user = useUser();
  const kind = t(`learning.assessmentKind.${assessment.kind}`);
  const mark =
    assessment.kind === 'quiz'
      ? t('learning.quiz.passMark', { mark: assessment.passMark })
      : t('learning.practical.passMark', { mark: assessment.passMark });
  const meta = `${kind} · ${mark}`;
  const to =
    assessment.kind === 'quiz'
      ? `/assessments/${assessment.id}`
      : user && isInstructor(user.roles)
        ? `/assessments/${assessment.id}/submissions`
        : null;
  const body = (
    <span className="learn-row-main">
      <span className="learn-row-title">{assessment.title}</span>
      <span className="learn-card-meta">{meta}</span>
      {assessment.kind === 'practical' && trainee && (
        <span className="learn-card-meta">{t('learning.practical.traineeHint')}</span>
      )}
    </span>
  );
  return (
    <li>
      {to ? (
        <Link className="learn-row" to={to}>
          {body}
          <ChevronIcon />
        </Link>
      ) : (
        <div className="learn-row">{body}</div>
      )}
    </li>
  );
}
