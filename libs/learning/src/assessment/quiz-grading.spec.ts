import { gradeQuiz, GradableQuestion } from './quiz-grading';

const qs: GradableQuestion[] = [
  { id: 'q1', kind: 'single', optionCount: 4, correct: [2], points: 1 },
  { id: 'q2', kind: 'multiple', optionCount: 4, correct: [0, 3], points: 2 },
  { id: 'q3', kind: 'true_false', optionCount: 2, correct: [1], points: 1 },
];

describe('gradeQuiz', () => {
  it('scores by points; multiple choice only when exactly right', () => {
    expect(
      gradeQuiz(qs, [
        { questionId: 'q1', choices: [2] },
        { questionId: 'q2', choices: [3, 0] },
        { questionId: 'q3', choices: [1] },
      ]),
    ).toEqual({ ok: true, scorePercent: 100 });
    expect(
      gradeQuiz(qs, [
        { questionId: 'q1', choices: [2] },
        { questionId: 'q2', choices: [0] },
      ]),
    ).toEqual({ ok: true, scorePercent: 25 });
  });
  it('refuses answers to questions of another quiz', () => {
    const out = gradeQuiz(qs, [{ questionId: 'other', choices: [0] }]);
    expect(out).toMatchObject({ ok: false, foreign: true });
  });
  it('refuses duplicate answers, missing options and two answers to a single-choice question', () => {
    const out = gradeQuiz(qs, [
      { questionId: 'q1', choices: [9] },
      { questionId: 'q3', choices: [0, 1] },
      { questionId: 'q3', choices: [1] },
    ]);
    expect(out).toMatchObject({ ok: false, foreign: false });
    expect(out.ok ? [] : out.problems.map((p) => p.reason)).toEqual(['choice', 'choice', 'duplicate']);
  });
});
