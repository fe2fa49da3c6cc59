import { Link, useParams } from 'react-router-dom';
import type { AssessmentView, CourseProgressView, LessonView, ModuleView } from '@app/contracts';
import { useUser } from '../../auth/auth-context';
import { CheckIcon, ChevronIcon } from '../../components/icons';
import { useI18n } from '../../i18n';
import { CourseFacts } from './course-card';
import { isInstructor, lessonsDone, loadCourseContext, type CourseContext } from './course-context';
import { courseOutline, lessonsDoneIn } from './course-outline';
import { formatHours } from './learning-format';
import { BackLink, Loaded, ProgressBar } from './page-parts';
import { useApiData } from './use-api-data';

/**
 * `/courses/:courseId`: what the course asks for, the trainee's standing, then its lessons module by
 * module (in the order the instructor set) and its tests.
 */
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
  const { t } = useI18n();
  const { course, progress, certificate } = ctx;
  const total = course.modules.reduce((n, m) => n + m.lessons.length, 0);
  return (
    <>
      <h1>{course.title}</h1>
      <CourseFacts course={course} />
      {progress && <Standing progress={progress} total={total} />}
      {certificate && (
        <Link className="button button-block" to={`/certificates/${certificate.id}`}>
          {t('learning.course.viewCertificate')}
        </Link>
      )}
      {courseOutline(course).map((m, index) => (
        <ModuleLessons key={m.id} courseId={course.id} module={m} n={index + 1} progress={progress} />
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

/** One module, numbered in the course: its title, how far the trainee is in it, its lessons in order. */
function ModuleLessons({
  courseId,
  module,
  n,
  progress,
}: {
  courseId: string;
  module: ModuleView;
  n: number;
  progress: CourseProgressView | null;
}) {
  const { t } = useI18n();
  const headingId = `module-${module.id}`;
  const total = module.lessons.length;
  const done = new Set(progress?.lessons.filter((l) => l.completed).map((l) => l.lessonId));
  return (
    <section className="learn-section learn-module" aria-labelledby={headingId}>
      <div className="learn-module-head">
        <p className="learn-kicker">{t('learning.course.moduleNumber', { n })}</p>
        <h2 id={headingId}>{module.title}</h2>
        {total > 0 && (
          <p className="learn-card-meta">
            {progress
              ? t('learning.course.moduleDone', { done: lessonsDoneIn(module, done), total })
              : t('learning.course.moduleLessons', { total })}
          </p>
        )}
      </div>
      {total === 0 ? (
        <p className="learn-note">{t('learning.course.moduleEmpty')}</p>
      ) : (
        <ol className="learn-list">
          {module.lessons.map((lesson) => (
            <LessonRow key={lesson.id} courseId={courseId} lesson={lesson} progress={progress} />
          ))}
        </ol>
      )}
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
