import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, PracticalFigures, PracticalSubmissionView } from '@app/contracts';
import { mapInSequence, UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { assertInstructor, isStaff } from '../common/access';
import { findCourse, requireEnrollment } from '../course/course-access';
import { LearningProgressChanged } from '../learning.events';
import { LiveReadModel } from '../progress/live-read-model';
import { CommerceReadModel } from '../report/commerce-read-model';
import { findAssessment } from './assessment.service';
import { PracticalSubmission } from './attempt.entity';
import { GradePracticalDto, SubmitPracticalDto } from './dto/assessment.dto';

/** The practical test: a practice live sale the trainee hosted, graded by an instructor's rubric. */
@Injectable()
export class PracticalService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly live: LiveReadModel,
    private readonly commerce: CommerceReadModel,
  ) {}

  async submit(
    actor: Actor,
    assessmentId: string,
    dto: SubmitPracticalDto,
  ): Promise<PracticalSubmissionView> {
    return this.uow.run(async ({ em }) => {
      const a = await findAssessment(em, assessmentId);
      if (a.kind !== 'practical')
        throw new DomainError('CONFLICT', 'This assessment is not a practical test.');
      const enrollment = await requireEnrollment(em, actor, await findCourse(em, a.courseId));
      const session = await this.live.session(em, dto.liveSessionId);
      if (!session || session.hostId !== actor.id || session.kind !== 'sale') {
        throw new DomainError('VALIDATION_FAILED', 'Hand in a sale live session you hosted yourself.');
      }
      if (session.status !== 'ended')
        throw new DomainError('CONFLICT', 'End the practice session before handing it in.');
      const used = await em.countBy(PracticalSubmission, { assessmentId, enrollmentId: enrollment.id });
      if (used >= a.maxAttempts) {
        throw new DomainError(
          'ATTEMPTS_EXHAUSTED',
          `All ${a.maxAttempts} attempts of this practical are used.`,
        );
      }
      if (await em.existsBy(PracticalSubmission, { liveSessionId: session.id })) {
        throw new DomainError('CONFLICT', 'This session was already handed in.');
      }
      const s = await em.save(
        em.create(PracticalSubmission, {
          assessmentId,
          enrollmentId: enrollment.id,
          traineeId: actor.id,
          attemptNo: used + 1,
          liveSessionId: session.id,
        }),
      );
      return this.view(em, s);
    });
  }

  async get(actor: Actor, id: string): Promise<PracticalSubmissionView> {
    return this.uow.run(async ({ em }) => {
      const s = await this.find(em, id);
      if (s.traineeId !== actor.id && !isStaff(actor))
        throw new DomainError('NOT_FOUND', 'No such submission.');
      return this.view(em, s);
    });
  }

  async listForAssessment(actor: Actor, assessmentId: string): Promise<PracticalSubmissionView[]> {
    assertInstructor(actor);
    return this.uow.run(async ({ em }) => {
      const rows = await em.find(PracticalSubmission, {
        where: { assessmentId },
        order: { createdAt: 'ASC' },
      });
      return mapInSequence(rows, (s) => this.view(em, s));
    });
  }

  /** Graded once; each rubric line is 0–25, so the total is out of 100 like the pass mark. */
  async grade(actor: Actor, id: string, dto: GradePracticalDto): Promise<PracticalSubmissionView> {
    assertInstructor(actor);
    return this.uow.run(async ({ em, publish }) => {
      const s = await em.findOne(PracticalSubmission, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw new DomainError('NOT_FOUND', 'No such submission.');
      if (s.status !== 'submitted') throw new DomainError('CONFLICT', 'This submission is already graded.');
      if (s.traineeId === actor.id)
        throw new DomainError('FORBIDDEN', 'You cannot grade your own practical.');
      const a = await findAssessment(em, s.assessmentId);
      const rubric = {
        productPresentation: dto.productPresentation,
        viewerEngagement: dto.viewerEngagement,
        honestyCompliance: dto.honestyCompliance,
        closingSale: dto.closingSale,
      };
      const total = Object.values(rubric).reduce((x, y) => x + y, 0);
      Object.assign(s, {
        status: 'graded',
        rubric,
        total,
        passed: total >= a.passMark,
        comment: dto.comment?.trim() || null,
        gradedBy: actor.id,
        gradedAt: new Date(),
      });
      await em.save(s);
      if (s.passed) publish(new LearningProgressChanged(s.enrollmentId));
      return this.view(em, s);
    });
  }

  private async find(em: EntityManager, id: string): Promise<PracticalSubmission> {
    const s = await em.findOneBy(PracticalSubmission, { id });
    if (!s) throw new DomainError('NOT_FOUND', 'No such submission.');
    return s;
  }

  private async figures(em: EntityManager, sessionId: string): Promise<PracticalFigures> {
    const session = await this.live.session(em, sessionId);
    const sales = await this.commerce.sessionOrders(em, sessionId);
    const durationMs =
      session?.startedAt && session.endedAt ? session.endedAt.getTime() - session.startedAt.getTime() : 0;
    return {
      durationSec: Math.round(durationMs / 1000),
      peakViewers: session?.peakViewers ?? 0,
      chatMessages: await this.live.chatMessages(em, sessionId),
      orders: sales?.orders ?? 0,
      sandboxSalesMinor: sales?.salesMinor ?? 0,
      commerceAvailable: sales !== null,
    };
  }

  private async view(em: EntityManager, s: PracticalSubmission): Promise<PracticalSubmissionView> {
    return {
      id: s.id,
      assessmentId: s.assessmentId,
      traineeId: s.traineeId,
      liveSessionId: s.liveSessionId,
      status: s.status,
      figures: await this.figures(em, s.liveSessionId),
      rubric: s.rubric,
      total: s.total,
      passed: s.passed,
      comment: s.comment,
      gradedBy: s.gradedBy,
    };
  }
}
