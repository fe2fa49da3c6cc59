import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateView, DomainError } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { isStaff } from '../common/access';
import { CERTIFICATE_CODE_GROUPS, randomCode } from '../common/codes';
import { Lesson } from '../course/lesson.entity';
import { Enrollment } from '../enrollment/enrollment.entity';
import { canTransition } from '../enrollment/enrollment.state';
import { CertificateIssued } from '../learning.events';
import { HoursLedgerService } from '../progress/hours-ledger.service';
import { computeStanding, CourseStanding } from '../progress/progress-rollup';
import { Organization } from '../program/organization.entity';
import { Program } from '../program/program.entity';
import { Certificate } from './certificate.entity';
import { toCertificateView } from './certificate.service';

/**
 * Issues a course certificate once its hours, credits and assessments are all met. Runs after
 * every committed progress event and on demand; idempotent: the enrolment row is locked while
 * evaluating, and one certificate per enrolment and course is a unique index.
 */
@Injectable()
export class CertificateIssuer {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: HoursLedgerService,
  ) {}

  async evaluateAs(actor: Actor, enrollmentId: string): Promise<CertificateView[]> {
    const e = await this.uow.run(({ em }) => em.findOneBy(Enrollment, { id: enrollmentId }));
    if (!e || (e.userId !== actor.id && !isStaff(actor)))
      throw new DomainError('NOT_FOUND', 'No such enrolment.');
    return this.evaluate(enrollmentId);
  }

  /** Returns the certificates issued by this call (none when nothing new was met). */
  async evaluate(enrollmentId: string): Promise<CertificateView[]> {
    return this.uow.run(async ({ em, publish }) => {
      const enrollment = await em.findOne(Enrollment, {
        where: { id: enrollmentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!enrollment || enrollment.status === 'withdrawn') return [];
      await this.syncLiveClasses(em, enrollment);
      const standing = await computeStanding(em, enrollment);
      const held = new Set((await em.findBy(Certificate, { enrollmentId })).map((c) => c.courseId));
      const issued: Certificate[] = [];
      for (const s of standing) {
        if (s.met && !held.has(s.course.id)) issued.push(await this.issue(em, enrollment, s));
      }
      for (const c of issued) publish(new CertificateIssued(c.id, enrollmentId, c.courseId));
      const valid = await em.countBy(Certificate, { enrollmentId, status: 'valid' });
      if (standing.length && valid === standing.length && canTransition(enrollment.status, 'completed')) {
        await em.update(Enrollment, { id: enrollmentId }, { status: 'completed' });
      }
      return issued.map(toCertificateView);
    });
  }

  /** Attendance the media server reported since the class ended late still counts. */
  private async syncLiveClasses(em: EntityManager, enrollment: Enrollment): Promise<void> {
    const rows: Array<{ live_session_id: string }> = await em
      .createQueryBuilder(Lesson, 'l')
      .select('DISTINCT l.live_session_id', 'live_session_id')
      .innerJoin('courses', 'c', 'c.id = l.course_id')
      .where('c.program_id = :p AND l.live_session_id IS NOT NULL', { p: enrollment.programId })
      .getRawMany();
    for (const r of rows) await this.ledger.syncLiveClass(em, r.live_session_id, enrollment.userId);
  }

  private async issue(em: EntityManager, enrollment: Enrollment, s: CourseStanding): Promise<Certificate> {
    const program = await em.findOneByOrFail(Program, { id: enrollment.programId });
    const org = await em.findOneByOrFail(Organization, { id: s.course.evaluatingOrganizationId });
    const [{ seq }]: Array<{ seq: string | null }> = await em.query(
      `SELECT MAX(seq) AS seq FROM hours_ledger WHERE enrollment_id = $1 AND course_id = $2`,
      [enrollment.id, s.course.id],
    );
    return em.save(
      em.create(Certificate, {
        code: randomCode(CERTIFICATE_CODE_GROUPS),
        enrollmentId: enrollment.id,
        programId: program.id,
        courseId: s.course.id,
        userId: enrollment.userId,
        holderName: enrollment.traineeName,
        courseTitle: s.course.title,
        programName: program.name,
        skillLevel: s.course.skillLevel,
        evaluatingOrganizationId: org.id,
        evaluatingOrganizationName: org.name,
        hoursMs: s.hoursMs,
        credits: s.credits,
        ledgerSeq: Number(seq ?? 0),
        status: 'valid',
        issuedAt: new Date(),
      }),
    );
  }
}
