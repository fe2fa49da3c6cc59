import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssessmentView, DomainError, QuizAttemptView } from '@app/contracts';
import { mapInSequence, UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { assertStaff, onUniqueViolation } from '../common/access';
import { assertCanRead, assertPrerequisites, findCourse, requireEnrollment } from '../course/course-access';
import { LearningProgressChanged } from '../learning.events';
import { Assessment, QuizQuestion } from './assessment.entity';
import { QuizAttempt } from './attempt.entity';
import { CreateAssessmentDto, QuizQuestionDto, SubmitQuizDto } from './dto/assessment.dto';
import { gradeQuiz } from './quiz-grading';

export async function findAssessment(em: EntityManager, id: string): Promise<Assessment> {
  const a = await em.findOneBy(Assessment, { id });
  if (!a) throw new DomainError('NOT_FOUND', 'No such assessment.');
  return a;
}

function checkQuestion(q: QuizQuestionDto, i: number): string | null {
  if (q.kind === 'true_false' && q.options.length !== 2) return `questions.${i}: true/false has two options`;
  if (q.correct.some((c) => c >= q.options.length)) return `questions.${i}: a correct index is out of range`;
  if (new Set(q.correct).size !== q.correct.length) return `questions.${i}: a correct index repeats`;
  if (q.kind !== 'multiple' && q.correct.length !== 1) return `questions.${i}: exactly one correct option`;
  return null;
}

@Injectable()
export class AssessmentService {
  constructor(private readonly uow: UnitOfWork) {}

  async create(actor: Actor, courseId: string, dto: CreateAssessmentDto): Promise<AssessmentView> {
    assertStaff(actor);
    const questions = dto.kind === 'quiz' ? (dto.questions ?? []) : [];
    if (dto.kind === 'quiz' && !questions.length)
      throw new DomainError('VALIDATION_FAILED', 'A quiz needs questions.');
    if (dto.kind === 'practical' && dto.questions?.length) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'A practical assessment is graded by rubric, not questions.',
      );
    }
    const problems = questions.map(checkQuestion).filter((p): p is string => p !== null);
    if (problems.length) {
      throw new DomainError(
        'VALIDATION_FAILED',
        problems[0],
        problems.map((m) => ({ field: m.split(':')[0], reason: 'question', message: m })),
      );
    }
    return this.uow.run(async ({ em }) => {
      await findCourse(em, courseId);
      const a = await em.save(
        em.create(Assessment, {
          courseId,
          kind: dto.kind,
          title: dto.title.trim(),
          passMark: dto.passMark,
          maxAttempts: dto.maxAttempts,
        }),
      );
      await em.save(
        questions.map((q, position) =>
          em.create(QuizQuestion, {
            assessmentId: a.id,
            position,
            kind: q.kind,
            prompt: q.prompt,
            options: q.options,
            correct: q.correct,
            points: q.points ?? 1,
          }),
        ),
      );
      return this.view(em, a);
    });
  }

  async get(actor: Actor, id: string): Promise<AssessmentView> {
    return this.uow.run(async ({ em }) => {
      const a = await findAssessment(em, id);
      await assertCanRead(em, actor, await findCourse(em, a.courseId));
      return this.view(em, a);
    });
  }

  async listForCourse(actor: Actor, courseId: string): Promise<AssessmentView[]> {
    return this.uow.run(async ({ em }) => {
      await assertCanRead(em, actor, await findCourse(em, courseId));
      const rows = await em.find(Assessment, { where: { courseId }, order: { title: 'ASC' } });
      return mapInSequence(rows, (a) => this.view(em, a));
    });
  }

  /** Graded by the server; the attempt number's unique index keeps racing submissions in the limit. */
  async submitQuiz(actor: Actor, id: string, dto: SubmitQuizDto): Promise<QuizAttemptView> {
    return this.uow.run(async ({ em, publish }) => {
      const a = await findAssessment(em, id);
      if (a.kind !== 'quiz') throw new DomainError('CONFLICT', 'This assessment is not a quiz.');
      const course = await findCourse(em, a.courseId);
      const enrollment = await requireEnrollment(em, actor, course);
      await assertPrerequisites(em, enrollment, course);
      const used = await em.countBy(QuizAttempt, { assessmentId: id, enrollmentId: enrollment.id });
      if (used >= a.maxAttempts) {
        throw new DomainError('ATTEMPTS_EXHAUSTED', `All ${a.maxAttempts} attempts of this quiz are used.`);
      }
      const questions = await em.findBy(QuizQuestion, { assessmentId: id });
      const grade = gradeQuiz(
        questions.map((q) => ({
          id: q.id,
          kind: q.kind,
          optionCount: q.options.length,
          correct: q.correct,
          points: q.points,
        })),
        dto.answers,
      );
      if (!grade.ok) {
        throw grade.foreign
          ? new DomainError(
              'QUIZ_ANSWER_FOREIGN',
              'Some answers are for questions of another quiz.',
              grade.problems,
            )
          : new DomainError('VALIDATION_FAILED', grade.problems[0].message, grade.problems);
      }
      const passed = grade.scorePercent >= a.passMark;
      const attempt = await onUniqueViolation(
        em.save(
          em.create(QuizAttempt, {
            assessmentId: id,
            enrollmentId: enrollment.id,
            attemptNo: used + 1,
            answers: dto.answers.map((x) => ({ questionId: x.questionId, choices: x.choices })),
            scorePercent: grade.scorePercent,
            passed,
          }),
        ),
        'Another attempt of this quiz was submitted at the same time.',
      );
      if (passed) publish(new LearningProgressChanged(enrollment.id));
      return {
        id: attempt.id,
        attemptNo: attempt.attemptNo,
        scorePercent: attempt.scorePercent,
        passed,
        attemptsLeft: a.maxAttempts - attempt.attemptNo,
      };
    });
  }

  private async view(em: EntityManager, a: Assessment): Promise<AssessmentView> {
    const questions = await em.find(QuizQuestion, {
      where: { assessmentId: a.id },
      order: { position: 'ASC' },
    });
    return {
      id: a.id,
      courseId: a.courseId,
      kind: a.kind,
      title: a.title,
      passMark: a.passMark,
      maxAttempts: a.maxAttempts,
      questions: questions.map((q) => ({
        id: q.id,
        kind: q.kind,
        prompt: q.prompt,
        options: q.options,
        points: q.points,
      })),
    };
  }
}
