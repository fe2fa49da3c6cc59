import { useUser } from '../../auth/auth-context';
import { useI18n } from '../../i18n';
import { CourseCard } from './course-card';
import { isStaff, loadCatalogue, loadMyCourses, type MyCourse, type ProgramCourses } from './course-context';
import { formatHours } from './learning-format';
import { Loaded } from './page-parts';
import { useApiData } from './use-api-data';

interface CoursesData {
  mine: MyCourse[];
  catalogue: ProgramCourses[];
}

/** `/courses`: the trainee's own courses with their standing; staff also see every program's courses. */
export function CoursesPage() {
  const { t } = useI18n();
  const user = useUser();
  const staff = user ? isStaff(user.roles) : false;
  const data = useApiData<CoursesData>(`courses:${staff}`, async (signal) => {
    const [mine, catalogue] = await Promise.all([
      loadMyCourses(signal),
      staff ? loadCatalogue(signal) : Promise.resolve([]),
    ]);
    return { mine, catalogue };
  });
  return (
    <div className="learn-page">
      <h1>{t('learning.courses.title')}</h1>
      <Loaded data={data}>
        {({ mine, catalogue }) => (
          <>
            {mine.length > 0 && <MyCourses courses={mine} />}
            {mine.length === 0 && !staff && <p className="learn-empty">{t('learning.courses.none')}</p>}
            {catalogue.map((p) => (
              <section key={p.programId} className="learn-section">
                <h2>{p.programName}</h2>
                {p.courses.length === 0 && (
                  <p className="learn-empty">{t('learning.courses.noneInProgram')}</p>
                )}
                <ul className="learn-list">
                  {p.courses.map((course) => (
                    <CourseCard key={course.id} course={course} />
                  ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </Loaded>
    </div>
  );
}

function MyCourses({ courses }: { courses: MyCourse[] }) {
  const { t, locale } = useI18n();
  const hours = courses.reduce((n, c) => n + (c.progress?.hours ?? 0), 0);
  const certified = courses.filter((c) => c.certificate?.status === 'valid').length;
  return (
    <section className="learn-section">
      <h2>{t('learning.courses.mine')}</h2>
      <p className="learn-lead">
        {t('learning.courses.mineSummary', { hours: formatHours(hours, locale), certified })}
      </p>
      <ul className="learn-list">
        {courses.map((c) => (
          <CourseCard key={c.course.id} {...c} />
        ))}
      </ul>
    </section>
  );
}
