import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { AssessmentView, QuizAttemptView } from '@app/contracts';
import { FormAlert } from '../../components/form-alert';
import { errorText, useI18n } from '../../i18n';
import { learningApi } from './learning-api';
import { BackLink, Loaded } from './page-parts';
import { QuizQuestion } from './quiz-question';
import { useApiData } from './use-api-data';

/** `/assessments/:id`: a quiz, answered on the page and graded by the api. */
export function QuizPage() {
  const { assessmentId = '' } = useParams();
  const data = useApiData(`assessment:${assessmentId}`, (signal) =>
    learningApi.assessment(assessmentId, signal),
  );
  return (
    <div className="learn-page">
      <Loaded data={data}>{(quiz) => <Quiz key={quiz.id} quiz={quiz} />}</Loaded>
    </div>
  );
}

function Quiz({ quiz }: { quiz: AssessmentView }) {
  const { t } = useI18n();
  const [answers, setAnswers] = useState<Record<string, number[]>>({});
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<QuizAttemptView | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const unanswered = quiz.questions.filter((q) => !answers[q.id]?.length).map((q) => q.id);
    setMissing(new Set(unanswered));
    setError(null);
    if (unanswered.length) {
      document.getElementById(`question-${unanswered[0]}`)?.scrollIntoView({ block: 'center' });
      return;
    }
    setBusy(true);
    learningApi
      .submitQuiz(quiz.id, {
        answers: quiz.questions.map((q) => ({ questionId: q.id, choices: answers[q.id] ?? [] })),
      })
      .then(setResult, setError)
      .finally(() => setBusy(false));
  };

  const retry = () => {
    setResult(null);
    setAnswers({});
    window.scrollTo({ top: 0 });
  };

  return (
    <>
      <BackLink to={`/courses/${quiz.courseId}`}>{t('learning.quiz.backToCourse')}</BackLink>
      <h1>{quiz.title}</h1>
      <p className="learn-lead">
        {t('learning.quiz.rules', {
          mark: quiz.passMark,
          count: quiz.questions.length,
          attempts: quiz.maxAttempts,
        })}
      </p>
      {result ? (
        <QuizResult quiz={quiz} result={result} onRetry={retry} />
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          {quiz.questions.map((q, i) => (
            <QuizQuestion
              key={q.id}
              number={i + 1}
              question={q}
              chosen={answers[q.id] ?? []}
              missing={missing.has(q.id) && !answers[q.id]?.length}
              onChange={(choices) => setAnswers((a) => ({ ...a, [q.id]: choices }))}
            />
          ))}
          <FormAlert message={error ? errorText(error, t) : null} />
          <button type="submit" className="button button-block" disabled={busy}>
            {t(busy ? 'learning.quiz.submitting' : 'learning.quiz.submit')}
          </button>
        </form>
      )}
    </>
  );
}

function QuizResult({
  quiz,
  result,
  onRetry,
}: {
  quiz: AssessmentView;
  result: QuizAttemptView;
  onRetry(): void;
}) {
  const { t } = useI18n();
  return (
    <section
      className={result.passed ? 'learn-result learn-result-pass' : 'learn-result learn-result-fail'}
      role="status"
    >
      <p className="learn-result-verdict">
        {t(result.passed ? 'learning.quiz.passed' : 'learning.quiz.failed')}
      </p>
      <p className="learn-result-score">{t('learning.quiz.score', { score: result.scorePercent })}</p>
      <p>{t('learning.quiz.passMark', { mark: quiz.passMark })}</p>
      <p>{t('learning.quiz.attemptsLeft', { n: result.attemptsLeft })}</p>
      {result.passed && <p>{t('learning.quiz.certificateHint')}</p>}
      {!result.passed && result.attemptsLeft > 0 && (
        <button type="button" className="button button-block" onClick={onRetry}>
          {t('learning.quiz.retry')}
        </button>
      )}
      <Link className="button button-secondary button-block" to={`/courses/${quiz.courseId}`}>
        {t('learning.quiz.backToCourse')}
      </Link>
    </section>
  );
}
