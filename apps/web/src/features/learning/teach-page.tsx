import { Link } from 'react-router-dom';
import type { CourseView } from '@app/contracts';
import { ChevronIcon } from '../../components/icons';
import { useI18n } from '../../i18n';
import { learningApi } from './learning-api';
import { Loaded } from './page-parts';
import { useApiData } from './use-api-data';

/** `/teach`: the courses an instructor (or program admin) may edit, by program, and a way to add one. */
export function TeachPage() {
  const { t } = useI18n();
  const data = useApiData('teaching', (signal) => learningApi.teaching(signal));
  return (
    <div className="learn-page learn-authoring">
      <h1>{t('learning.teach.title')}</h1>
      <Loaded data={data}>
        {({ programs, courses }) =>
          programs.length === 0 ? (
            <p className="learn-empty">{t('learning.teach.noPrograms')}</p>
          ) : (
            <>
              <p className="learn-lead">{t('learning.teach.intro')}</p>
              {programs.map((p) => {
                const mine = courses.filter((c) => c.programId === p.id);
                return (
                  <section key={p.id} className="learn-section" aria-labelledby={`program-${p.id}`}>
                    <h2 id={`program-${p.id}`}>{p.name}</h2>
                    {mine.length === 0 && (
                      <p className="learn-empty">{t('learning.courses.noneInProgram')}</p>
                    )}
                    <ul className="learn-list">
                      {mine.map((c) => (
                        <EditableCourse key={c.id} course={c} />
                      ))}
                    </ul>
                    <Link className="button button-block" to={`/teach/new?program=${p.id}`}>
                      {t('learning.teach.newCourse')}
                    </Link>
                  </section>
                );
              })}
            </>
          )
        }
      </Loaded>
    </div>
  );
}

function EditableCourse({ course }: { course: CourseView }) {
  const { t } = useI18n();
  const lessons = course.modules.reduce((n, m) => n + m.lessons.length, 0);
  return (
    <li>
      <Link className="learn-card" to={`/teach/courses/${course.id}`}>
        <span className="learn-card-main">
          <span className="learn-card-title">{course.title}</span>
          <span className="learn-card-meta">
            {t(`learning.level.${course.skillLevel}`)} · {course.occupationCategory}
          </span>
          <span className="learn-card-meta">
            {t('learning.teach.lessonCount', { modules: course.modules.length, lessons })}
          </span>
        </span>
        <span className="learn-tag learn-tag-edit">{t('learning.teach.edit')}</span>
        <ChevronIcon />
      </Link>
    </li>
  );
}
