import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CertificateVerification, CertificateView, DomainError, HoursEntryView } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor, hasAnyRole } from '@app/identity';
import { assertProgramAdmin } from '../common/access';
import { CERTIFICATE_CODE_GROUPS, maskName, normalizeCode } from '../common/codes';
import { msToHours } from '../common/columns';
import { Enrollment } from '../enrollment/enrollment.entity';
import { assertTransition } from '../enrollment/enrollment.state';
import { CertificateRevoked } from '../learning.events';
import { HoursEntry } from '../progress/hours-entry.entity';
import { assertCanSeeEnrollment, findEnrollment, toHoursEntryView } from '../progress/hours-ledger.service';
import { renderCertificatePdf } from './certificate-pdf';
import { Certificate } from './certificate.entity';
import { RevokeCertificateDto } from './dto/certificate.dto';

export function toCertificateView(c: Certificate): CertificateView {
  return {
    id: c.id,
    code: c.code,
    enrollmentId: c.enrollmentId,
    courseId: c.courseId,
    courseTitle: c.courseTitle,
    holderName: c.holderName,
    skillLevel: c.skillLevel,
    evaluatingOrganization: c.evaluatingOrganizationName,
    hours: msToHours(c.hoursMs),
    credits: c.credits,
    status: c.status,
    issuedAt: c.issuedAt.toISOString(),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revokeReason: c.revokeReason,
  };
}

const notFound = (): DomainError => new DomainError('CERTIFICATE_NOT_FOUND', 'No certificate has this code.');

/** Reading, verifying, printing and revoking certificates; issuing is CertificateIssuer's. */
@Injectable()
export class CertificateService {
  private readonly logger = new Logger(CertificateService.name);

  constructor(private readonly uow: UnitOfWork) {}

  /** Public: anyone holding the paper may check it; the holder's name is partly masked. */
  async verify(code: string): Promise<CertificateVerification> {
    const canonical = normalizeCode(code, CERTIFICATE_CODE_GROUPS);
    if (!canonical) throw notFound();
    const c = await this.uow.run(({ em }) => em.findOneBy(Certificate, { code: canonical }));
    if (!c) throw notFound();
    return {
      code: c.code,
      status: c.status,
      holderName: maskName(c.holderName),
      courseTitle: c.courseTitle,
      skillLevel: c.skillLevel,
      evaluatingOrganization: c.evaluatingOrganizationName,
      programName: c.programName,
      issuedAt: c.issuedAt.toISOString(),
      revokedAt: c.revokedAt?.toISOString() ?? null,
    };
  }

  async get(actor: Actor, id: string): Promise<CertificateView> {
    return this.uow.run(async ({ em }) => toCertificateView(await this.readable(em, actor, id)));
  }

  async listForEnrollment(actor: Actor, enrollmentId: string): Promise<CertificateView[]> {
    return this.uow.run(async ({ em }) => {
      assertCanSeeEnrollment(actor, await findEnrollment(em, enrollmentId));
      const rows = await em.find(Certificate, { where: { enrollmentId }, order: { issuedAt: 'ASC' } });
      return rows.map(toCertificateView);
    });
  }

  /** The ledger entries the certificate was issued on (later corrections are not behind it). */
  async hoursBehind(actor: Actor, id: string): Promise<HoursEntryView[]> {
    return this.uow.run(async ({ em }) => {
      const c = await this.readable(em, actor, id);
      const rows = await em
        .createQueryBuilder(HoursEntry, 'h')
        .where('h.enrollment_id = :e AND h.course_id = :c AND h.seq <= :seq', {
          e: c.enrollmentId,
          c: c.courseId,
          seq: c.ledgerSeq,
        })
        .orderBy('h.seq')
        .getMany();
      return rows.map(toHoursEntryView);
    });
  }

  async pdf(actor: Actor, id: string, origin: string): Promise<{ fileName: string; body: Buffer }> {
    const c = await this.uow.run(({ em }) => this.readable(em, actor, id));
    // the web client's public verify page (it reads /api/certificates/verify/:code), not raw JSON
    const body = await renderCertificatePdf(c, `${origin}/verify/${c.code}`);
    return { fileName: `certificate-${c.code}.pdf`, body };
  }

  async revoke(actor: Actor, id: string, dto: RevokeCertificateDto): Promise<CertificateView> {
    assertProgramAdmin(actor);
    return this.uow.run(async ({ em, publish }) => {
      const c = await em.findOne(Certificate, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new DomainError('NOT_FOUND', 'No such certificate.');
      if (c.status === 'revoked') throw new DomainError('CONFLICT', 'This certificate is already revoked.');
      Object.assign(c, {
        status: 'revoked',
        revokedAt: new Date(),
        revokedBy: actor.id,
        revokeReason: dto.reason.trim(),
      });
      await em.save(c);
      const enrollment = await em.findOneByOrFail(Enrollment, { id: c.enrollmentId });
      if (enrollment.status === 'completed') {
        assertTransition(enrollment.status, 'active');
        await em.update(Enrollment, { id: enrollment.id }, { status: 'active' });
      }
      publish(new CertificateRevoked(c.id, c.enrollmentId));
      this.logger.log(`certificate ${c.code} revoked by ${actor.id}`);
      return toCertificateView(c);
    });
  }

  /** The holder, or program admins; everyone else is told it does not exist. */
  private async readable(em: EntityManager, actor: Actor, id: string): Promise<Certificate> {
    const c = await em.findOneBy(Certificate, { id });
    if (!c || (c.userId !== actor.id && !hasAnyRole(actor.roles, ['program_admin']))) {
      throw new DomainError('NOT_FOUND', 'No such certificate.');
    }
    return c;
  }
}
