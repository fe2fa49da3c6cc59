import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, HoursEntryView } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { assertProgramAdmin, isStaff } from '../common/access';
import { MS_PER_HOUR } from '../common/columns';
import { findCourse, findLesson } from '../course/course-access';
import { LessonCompletion } from '../course/lesson-completion.entity';
import { Lesson } from '../course/lesson.entity';
import { Enrollment } from '../enrollment/enrollment.entity';
import { LearningProgressChanged } from '../learning.events';
import { attendedMs } from './attendance';
import { HoursCorrectionDto } from './dto/progress.dto';
import { HoursEntry } from './hours-entry.entity';
import { LiveReadModel } from './live-read-model';

/** Attending at least this share of a class's running time completes the live-class lesson. */
const LIVE_COMPLETION_SHARE = 0.5;

export function toHoursEntryView(e: HoursEntry): HoursEntryView {
  return {
    id: e.id,
    seq: e.seq,
    courseId: e.courseId,
    lessonId: e.lessonId,
    source: e.source,
    creditedMs: e.creditedMs,
    reason: e.reason,
    authorId: e.authorId,
    createdAt: e.createdAt.toISOString(),
  };
}

export async function findEnrollment(em: EntityManager, id: string): Promise<Enrollment> {
  const e = await em.findOneBy(Enrollment, { id });
  if (!e) throw new DomainError('NOT_FOUND', 'No such enrolment.');
  return e;
}

/** The trainee themself or staff; others are told it does not exist. */
export function assertCanSeeEnrollment(actor: Actor, e: Enrollment): void {
  if (e.userId !== actor.id && !isStaff(actor)) throw new DomainError('NOT_FOUND', 'No such enrolment.');
}

/** The append-only verified-hours ledger: corrections, listings and live-class attendance. */
@Injectable()
export class HoursLedgerService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly live: LiveReadModel,
  ) {}

  async correct(actor: Actor, enrollmentId: string, dto: HoursCorrectionDto): Promise<HoursEntryView> {
    assertProgramAdmin(actor);
    return this.uow.run(async ({ em, publish }) => {
      const enrollment = await findEnrollment(em, enrollmentId);
      const course = await findCourse(em, dto.courseId);
      if (course.programId !== enrollment.programId) {
        throw new DomainError('VALIDATION_FAILED', 'The course is not part of this enrolment’s program.');
      }
      if (dto.lessonId && (await findLesson(em, dto.lessonId)).courseId !== course.id) {
        throw new DomainError('VALIDATION_FAILED', 'The lesson is not part of this course.');
      }
      const creditedMs = Math.round(dto.hours * MS_PER_HOUR);
      if (creditedMs === 0)
        throw new DomainError('VALIDATION_FAILED', 'A correction of zero hours changes nothing.');
      const entry = await em.save(
        em.create(HoursEntry, {
          enrollmentId,
          courseId: course.id,
          lessonId: dto.lessonId ?? null,
          source: 'correction',
          creditedMs,
          reason: dto.reason.trim(),
          authorId: actor.id,
        }),
      );
      publish(new LearningProgressChanged(enrollmentId));
      return toHoursEntryView(await em.findOneByOrFail(HoursEntry, { id: entry.id }));
    });
  }

  async entries(actor: Actor, enrollmentId: string): Promise<HoursEntryView[]> {
    return this.uow.run(async ({ em }) => {
      assertCanSeeEnrollment(actor, await findEnrollment(em, enrollmentId));
      const rows = await em.find(HoursEntry, { where: { enrollmentId }, order: { seq: 'ASC' } });
      return rows.map(toHoursEntryView);
    });
  }

  /** After a class ended (event) or on demand: credits every attendee's attendance. */
  async syncSession(sessionId: string): Promise<string[]> {
    return this.uow.run(async ({ em, publish }) => {
      const touched = await this.syncLiveClass(em, sessionId);
      for (const id of touched) publish(new LearningProgressChanged(id));
      return touched;
    });
  }

  /**
   * Brings the ledger up to the media server's record for the live-class lessons of one session:
   * each enrolled attendee gets the merged connected time not credited yet. Idempotent; an
   * advisory lock keeps two syncs of one session from both crediting the same difference.
   * Returns the enrolments that gained hours.
   */
  async syncLiveClass(em: EntityManager, sessionId: string, onlyUserId?: string): Promise<string[]> {
    const lessons = await em.findBy(Lesson, { liveSessionId: sessionId, kind: 'live_class' });
    if (!lessons.length) return [];
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`live-class:${sessionId}`]);
    const session = await this.live.session(em, sessionId);
    const byUser = await this.live.intervals(em, sessionId);
    const touched = new Set<string>();
    for (const lesson of lessons) {
      const course = await findCourse(em, lesson.courseId);
      for (const [userId, intervals] of byUser) {
        if (onlyUserId && userId !== onlyUserId) continue;
        const enrollment = await em.findOneBy(Enrollment, { programId: course.programId, userId });
        if (!enrollment || enrollment.status === 'withdrawn') continue;
        const attended = attendedMs(intervals);
        if (await this.creditAttendance(em, enrollment, lesson, sessionId, attended))
          touched.add(enrollment.id);
        const running =
          session?.startedAt && session.endedAt ? session.endedAt.getTime() - session.startedAt.getTime() : 0;
        if (session?.status === 'ended' && attended >= running * LIVE_COMPLETION_SHARE) {
          await em
            .createQueryBuilder()
            .insert()
            .into(LessonCompletion)
            .values({ enrollmentId: enrollment.id, lessonId: lesson.id, credits: lesson.credits })
            .orIgnore()
            .execute();
          touched.add(enrollment.id);
        }
      }
    }
    return [...touched];
  }

  private async creditAttendance(
    em: EntityManager,
    enrollment: Enrollment,
    lesson: Lesson,
    sessionId: string,
    attended: number,
  ): Promise<boolean> {
    const [{ sum }]: Array<{ sum: string | null }> = await em.query(
      `SELECT SUM(credited_ms) AS sum FROM hours_ledger
        WHERE enrollment_id = $1 AND lesson_id = $2 AND source = 'live_class' AND ref = $3`,
      [enrollment.id, lesson.id, sessionId],
    );
    const delta = attended - Number(sum ?? 0);
    if (delta <= 0) return false;
    await em.insert(HoursEntry, {
      enrollmentId: enrollment.id,
      courseId: lesson.courseId,
      lessonId: lesson.id,
      source: 'live_class',
      creditedMs: delta,
      ref: sessionId,
    });
    return true;
  }
}
