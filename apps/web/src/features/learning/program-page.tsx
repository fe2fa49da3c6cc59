import { Link, useSearchParams } from 'react-router-dom';
import type {
  DashboardView,
  ProgramInstructorView,
  ProgramView,
  SubsidyEligibleTrainee,
} from '@app/contracts';
import { useAuth } from '../../auth/auth-context';
import { useI18n } from '../../i18n';
import { CohortChart } from './cohort-chart';
import { EnrolUpload } from './enrol-upload';
import { FiguresCard } from './figures-cards';
import { learningApi } from './learning-api';
import { Loaded } from './page-parts';
import { ProgramInstructors } from './program-instructors';
import { SalesByMonthChart } from './sales-by-month-chart';
import { SubsidyList } from './subsidy-list';
import { useApiData } from './use-api-data';

interface ProgramData {
  programs: ProgramView[];
  program: ProgramView | null;
  dashboard: DashboardView | null;
  eligible: SubsidyEligibleTrainee[];
  instructors: ProgramInstructorView[];
}

/**
 * `/program`: the program office's figures per cohort and category, the subsidy list, enrolment,
 * and who may author the program's courses.
 */
export function ProgramPage() {
  const { t } = useI18n();
  const { state } = useAuth();
  const office =
    state.status === 'signedIn' && state.user.roles.some((r) => r === 'program_admin' || r === 'admin');
  const [params, setParams] = useSearchParams();
  const wanted = params.get('program');
  const data = useApiData<ProgramData>(`program:${wanted ?? ''}`, async (signal) => {
    const programs = await learningApi.programs(signal);
    const program = programs.find((p) => p.id === wanted) ?? programs[0] ?? null;
    if (!program) return { programs, program, dashboard: null, eligible: [], instructors: [] };
    const [dashboard, eligible, instructors] = await Promise.all([
      learningApi.dashboard(program.id, signal),
      learningApi.subsidyEligible(program.id, signal),
      learningApi.programInstructors(program.id, signal),
    ]);
    return { programs, program, dashboard, eligible, instructors };
  });
  return (
    <div className="learn-page learn-wide">
      <h1>{t('learning.dashboard.title')}</h1>
      {office && (
        <p>
          <Link to="/program/shops">{t('commerce.approvals.link')}</Link>
        </p>
      )}
      <Loaded data={data}>
        {({ programs, program, dashboard, eligible, instructors }) =>
          !program || !dashboard ? (
            <p className="learn-empty">{t('learning.dashboard.noPrograms')}</p>
          ) : (
            <>
              {programs.length > 1 && (
                <div className="field">
                  <label className="field-label" htmlFor="program-choice">
                    {t('learning.dashboard.program')}
                  </label>
                  <select
                    id="program-choice"
                    className="learn-select"
                    value={program.id}
                    onChange={(e) => setParams({ program: e.target.value })}
                  >
                    {programs.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              <Dashboard
                program={program}
                dashboard={dashboard}
                eligible={eligible}
                onEnrolled={data.refresh}
              />
              <ProgramInstructors key={program.id} programId={program.id} instructors={instructors} />
            </>
          )
        }
      </Loaded>
    </div>
  );
}

function Dashboard({
  program,
  dashboard,
  eligible,
  onEnrolled,
}: {
  program: ProgramView;
  dashboard: DashboardView;
  eligible: SubsidyEligibleTrainee[];
  onEnrolled(): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <p className="learn-lead">
        {program.name} · {program.region}
      </p>
      {!dashboard.commerceAvailable && <p className="learn-note">{t('learning.figures.noCommerce')}</p>}
      <ul className="learn-figures-list">
        <FiguresCard title={t('learning.dashboard.total')} figures={dashboard.total} />
      </ul>
      {dashboard.commerceAvailable && <SalesByMonthChart dashboard={dashboard} />}
      <section className="learn-section">
        <h2>{t('learning.dashboard.byCohort')}</h2>
        <CohortChart cohorts={dashboard.byCohort} />
        <ul className="learn-figures-list">
          {dashboard.byCohort.map((c) => (
            <FiguresCard key={c.cohortId} title={c.cohortName} figures={c} />
          ))}
        </ul>
      </section>
      <section className="learn-section">
        <h2>{t('learning.dashboard.byCategory')}</h2>
        <ul className="learn-figures-list">
          {dashboard.byCategory.map((c) => (
            <FiguresCard key={c.category} title={t(`learning.category.${c.category}`)} figures={c} />
          ))}
        </ul>
      </section>
      <SubsidyList programId={program.id} trainees={eligible} />
      <EnrolUpload programId={program.id} onEnrolled={onEnrolled} />
    </>
  );
}
