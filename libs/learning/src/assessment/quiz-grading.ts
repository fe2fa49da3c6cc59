import { ErrorFieldDetail, QuestionKind, QuizAnswer } from '@app/contracts';

export interface GradableQuestion {
  id: string;
  kind: QuestionKind;
  optionCount: number;
  correct: readonly number[];
  points: number;
}

export type QuizGrade =
  { ok: true; scorePercent: number } | { ok: false; foreign: boolean; problems: ErrorFieldDetail[] };

/**
 * Grades answers against the quiz's own questions. An answer to a question outside this quiz
 * (`foreign`), a question answered twice, or a choice that does not exist refuses the whole
 * submission, so nothing is graded on a guess. Multiple choice counts only when exactly right.
 */
export function gradeQuiz(questions: readonly GradableQuestion[], answers: readonly QuizAnswer[]): QuizGrade {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const problems: ErrorFieldDetail[] = [];
  let foreign = false;
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    const q = byId.get(a.questionId);
    const field = `answers.${i}`;
    if (!q) {
      foreign = true;
      problems.push({ field, reason: 'foreignQuestion', message: 'This question is not part of this quiz.' });
    } else if (seen.has(q.id)) {
      problems.push({ field, reason: 'duplicate', message: 'This question is answered twice.' });
    } else if (a.choices.some((c) => c >= q.optionCount) || new Set(a.choices).size !== a.choices.length) {
      problems.push({ field, reason: 'choice', message: 'A choice does not exist or repeats.' });
    } else if (q.kind !== 'multiple' && a.choices.length > 1) {
      problems.push({ field, reason: 'choice', message: 'This question takes one answer.' });
    }
    seen.add(a.questionId);
  });
  if (problems.length) return { ok: false, foreign, problems };
  const given = new Map(answers.map((a) => [a.questionId, new Set(a.choices)]));
  let earned = 0;
  let total = 0;
  for (const q of questions) {
    total += q.points;
    const g = given.get(q.id);
    if (g && g.size === q.correct.length && q.correct.every((c) => g.has(c))) earned += q.points;
  }
  return { ok: true, scorePercent: total ? Math.floor((earned * 100) / total) : 0 };
}
