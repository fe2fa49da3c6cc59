import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import type { AssessmentView, PracticalRubric, PracticalSubmissionView } from '@app/contracts';
import { FormAlert } from '../../components/form-alert';
import { errorText, useI18n } from '../../i18n';
import { learningApi } from './learning-api';
import { BackLink, Facts, Loaded } from './page-parts';
import { PracticalFigures } from './practical-figures';
import { CRITERIA, RUBRIC_MAX, RubricInput } from './rubric-input';
import { useApiData } from './use-api-data';

interface GradingData {
  submission: PracticalSubmissionView;
  assessment: AssessmentView;
}

/** `/grading/:submissionId`: an instructor scores a trainee's practice sale on the four-line rubric. */
export function GradingPage() {
  const { submissionId = '' } = useParams();
  const data = useApiData<GradingData>(`grading:${submissionId}`, async (signal) => {
    const submission = await learningApi.practical(submissionId, signal);
    return { submission, assessment: await learningApi.assessment(submission.assessmentId, signal) };
  });
  return (
    <div className="learn-page">
      <Loaded data={data}>{(d) => <Grading key={d.submission.id} {...d} />}</Loaded>
    </div>
  );
}

const EMPTY: PracticalRubric = {
  productPresentation: 0,
  viewerEngagement: 0,
  honestyCompliance: 0,
  closingSale: 0,
};

function Grading({ submission: initial, assessment }: GradingData) {
  const { t } = useI18n();
  const [submission, setSubmission] = useState(initial);
  const [rubric, setRubric] = useState<PracticalRubric>(initial.rubric ?? EMPTY);
  const [comment, setComment] = useState(initial.comment ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const total = CRITERIA.reduce((n, c) => n + rubric[c], 0);
  const graded = submission.status === 'graded';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    learningApi
      .grade(submission.id, { ...rubric, comment: comment.trim() || undefined })
      .then(setSubmission, setError)
      .finally(() => setBusy(false));
  };

  return (
    <>
      <BackLink to={`/assessments/${assessment.id}/submissions`}>{assessment.title}</BackLink>
      <h1>{t('learning.grading.title')}</h1>
      <PracticalFigures figures={submission.figures} />
      {graded ? (
        <GradedResult submission={submission} />
      ) : (
        <form className="form learn-section" onSubmit={submit}>
          <h2>{t('learning.grading.rubric')}</h2>
          {CRITERIA.map((c) => (
            <RubricInput
              key={c}
              criterion={c}
              value={rubric[c]}
              onChange={(v) => setRubric((r) => ({ ...r, [c]: v }))}
            />
          ))}
          <p className="learn-total" role="status">
            {t('learning.grading.total', { total, max: RUBRIC_MAX * CRITERIA.length })}
            {' · '}
            {t(total >= assessment.passMark ? 'learning.grading.wouldPass' : 'learning.grading.wouldFail', {
              mark: assessment.passMark,
            })}
          </p>
          <div className="field">
            <label className="field-label" htmlFor="grading-comment">
              {t('learning.grading.comment')}
            </label>
            <textarea
              id="grading-comment"
              className="learn-textarea"
              rows={3}
              maxLength={1000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
          <FormAlert message={error ? errorText(error, t) : null} />
          <button type="submit" className="button button-block" disabled={busy}>
            {t(busy ? 'learning.grading.saving' : 'learning.grading.save')}
          </button>
        </form>
      )}
    </>
  );
}

function GradedResult({ submission: s }: { submission: PracticalSubmissionView }) {
  const { t } = useI18n();
  const rubric = s.rubric ?? EMPTY;
  return (
    <section
      className={s.passed ? 'learn-result learn-result-pass' : 'learn-result learn-result-fail'}
      role="status"
    >
      <p className="learn-result-verdict">
        {t(s.passed ? 'learning.grading.passed' : 'learning.grading.failed')}
      </p>
      <p className="learn-result-score">
        {t('learning.grading.total', { total: s.total ?? 0, max: RUBRIC_MAX * CRITERIA.length })}
      </p>
      <Facts
        rows={[
          ...CRITERIA.map((c) => [t(`learning.rubric.${c}`), `${rubric[c]} / ${RUBRIC_MAX}`] as const),
          ...(s.comment ? [[t('learning.grading.comment'), s.comment] as const] : []),
        ]}
      />
    </section>
  );
}
