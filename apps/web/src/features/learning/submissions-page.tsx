import { Link, useParams } from 'react-router-dom';
import type { AssessmentView, PracticalSubmissionView } from '@app/contracts';
import { ChevronIcon } from '../../components/icons';
import { useI18n } from '../../i18n';
import { learningApi } from './learning-api';
import { BackLink, Loaded } from './page-parts';
import { useApiData } from './use-api-data';

interface SubmissionsData {
  assessment: AssessmentView;
  submissions: PracticalSubmissionView[];
}

/** `/assessments/:id/submissions`: an instructor's queue of practice sales, ungraded first. */
export function SubmissionsPage() {
  const { assessmentId = '' } = useParams();
  const { t } = useI18n();
  const data = useApiData<SubmissionsData>(`submissions:${assessmentId}`, async (signal) => {
    const [assessment, submissions] = await Promise.all([
      learningApi.assessment(assessmentId, signal),
      learningApi.practicalSubmissions(assessmentId, signal),
    ]);
    const rank = (s: PracticalSubmissionView) => (s.status === 'submitted' ? 0 : 1);
    return { assessment, submissions: [...submissions].sort((a, b) => rank(a) - rank(b)) };
  });
  return (
    <div className="learn-page">
      <Loaded data={data}>
        {({ assessment, submissions }) => (
          <>
            <BackLink to={`/courses/${assessment.courseId}`}>{t('learning.quiz.backToCourse')}</BackLink>
            <h1>{assessment.title}</h1>
            <p className="learn-lead">{t('learning.submissions.intro', { mark: assessment.passMark })}</p>
            {submissions.length === 0 && <p className="learn-empty">{t('learning.submissions.none')}</p>}
            <ul className="learn-list">
              {submissions.map((s, i) => (
                <li key={s.id}>
                  <Link className="learn-row" to={`/grading/${s.id}`}>
                    <span className="learn-row-main">
                      <span className="learn-row-title">{t('learning.submissions.item', { n: i + 1 })}</span>
                      <span className="learn-card-meta">
                        {s.status === 'graded'
                          ? t('learning.submissions.graded', { total: s.total ?? 0 })
                          : t('learning.submissions.waiting')}
                      </span>
                    </span>
                    <ChevronIcon />
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </Loaded>
    </div>
  );
}
