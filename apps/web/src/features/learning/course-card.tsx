import { Link } from 'react-router-dom';
import type { CourseView } from '@app/contracts';
import { ChevronIcon } from '../../components/icons';
import { useI18n } from '../../i18n';
import { lessonsDone, type MyCourse } from './course-context';
import { formatHours } from './learning-format';
import { ProgressBar, Stat } from './page-parts';

const lessonCount = (course: CourseView): number => course.modules.reduce((n, m) => n + m.lessons.length, 0);

/** A course in a list: title, level and size; with the trainee's standing when there is one. */
export function CourseCard({ course, progress, certificate }: Partial<MyCourse> & { course: CourseView }) {
  const { t, locale } = useI18n();
  const total = lessonCount(course);
  return (
    <li>
      <Link className="learn-card" to={`/courses/${course.id}`}>
        <span className="learn-card-main">
          <span className="learn-card-title">{course.title}</span>
          <span className="learn-card-meta">
            {t(`learning.level.${course.skillLevel}`)} · {course.occupationCategory}
          </span>
          {!progress && (
            <span className="learn-card-meta">
              {t('learning.course.summary', {
                hours: formatHours(course.requiredHours, locale),
                credits: course.credits,
                lessons: total,
              })}
            </span>
          )}
          {progress && (
            <>
              <ProgressBar
                label={t('learning.progress.hours')}
                value={progress.hours}
                max={progress.requiredHours}
                text={t('learning.progress.hoursOf', {
                  done: formatHours(progress.hours, locale),
                  required: formatHours(progress.requiredHours, locale),
                })}
              />
              <span className="learn-card-meta">
                {t('learning.progress.creditsOf', {
                  done: progress.credits,
                  required: progress.requiredCredits,
                })}
                {' · '}
                {t('learning.progress.lessonsOf', { done: lessonsDone(progress), total })}
              </span>
            </>
          )}
          {certificate && (
            <span className={`learn-tag learn-tag-${certificate.status}`}>
              {t(`learning.certificate.status.${certificate.status}`)}
            </span>
          )}
        </span>
        <ChevronIcon />
      </Link>
    </li>
  );
}

/** What a course asks for, as its page and its editor show it: evaluator, level, hours and credits. */
export function CourseFacts({ course }: { course: CourseView }) {
  const { t, locale } = useI18n();
  return (
    <>
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
    </>
  );
}
