import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import {
  DomainError,
  EnrollmentView,
  EnrollTraineeResponse,
  ErrorFieldDetail,
  ImportEnrollmentsResponse,
} from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor, hashPassword, parseIdentifier, RateLimiter, User } from '@app/identity';
import { assertProgramAdmin } from '../common/access';
import { normalizeCode } from '../common/codes';
import { Cohort } from '../program/cohort.entity';
import { findProgram } from '../program/program.service';
import { ClaimInviteDto, EnrollTraineeDto, ImportEnrollmentsDto } from './dto/enrollment.dto';
import { parseEnrollmentCsv } from './enrollment-csv';
import {
  checkAgainstProgram,
  hashInviteCode,
  INVITE_CODE_GROUPS,
  ResolvedRow,
  writeEnrollments,
} from './enrollment-writer';
import { Enrollment } from './enrollment.entity';
import { TraineeInvite } from './trainee-invite.entity';

export function toEnrollmentView(e: Enrollment): EnrollmentView {
  return {
    id: e.id,
    programId: e.programId,
    cohortId: e.cohortId,
    userId: e.userId,
    traineeName: e.traineeName,
    category: e.category,
    status: e.status,
    createdAt: e.createdAt.toISOString(),
  };
}

function rejected(errors: ErrorFieldDetail[]): DomainError {
  return new DomainError(
    'ENROLLMENT_IMPORT_REJECTED',
    `Nothing was imported: ${errors.length} problem(s) in the file. Fix them and import the whole file again.`,
    errors,
  );
}

@Injectable()
export class EnrollmentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly limiter: RateLimiter,
  ) {}

  async enrollOne(actor: Actor, programId: string, dto: EnrollTraineeDto): Promise<EnrollTraineeResponse> {
    assertProgramAdmin(actor);
    const id = parseIdentifier(dto.mobile);
    if (id.kind !== 'phone')
      throw new DomainError('VALIDATION_FAILED', 'A mainland mobile number is needed.');
    return this.uow.run(async ({ em }) => {
      const program = await findProgram(em, programId);
      const cohort = await em.findOneBy(Cohort, { id: dto.cohortId, programId });
      if (!cohort) throw new DomainError('NOT_FOUND', 'No such cohort in this program.');
      const row: ResolvedRow = {
        line: null,
        name: dto.name.trim(),
        phone: id.phone,
        category: dto.category,
        cohortId: cohort.id,
      };
      const problems = await checkAgainstProgram(em, program, [row]);
      if (problems.length) throw new DomainError('CONFLICT', problems[0].message, problems);
      const out = await writeEnrollments(em, actor.id, programId, [row]);
      return { enrollment: toEnrollmentView(out.enrollments[0]), invite: out.invites[0] ?? null };
    });
  }

  /**
   * All or nothing: every row is checked (file, then database) before anything is written, and the
   * writes share one transaction. Any problem refuses the whole file with every problem listed.
   */
  async importCsv(
    actor: Actor,
    programId: string,
    dto: ImportEnrollmentsDto,
  ): Promise<ImportEnrollmentsResponse> {
    assertProgramAdmin(actor);
    const parsed = parseEnrollmentCsv(dto.csv);
    return this.uow.run(async ({ em }) => {
      const program = await findProgram(em, programId);
      const cohorts = new Map((await em.findBy(Cohort, { programId })).map((c) => [c.name, c.id]));
      const errors = [...parsed.errors];
      for (const r of parsed.cohorts) {
        if (!cohorts.has(r.cohort)) {
          errors.push({
            field: `line ${r.line}: cohort`,
            reason: 'unknownCohort',
            message: `No cohort named "${r.cohort}".`,
          });
        }
      }
      const rows: ResolvedRow[] = parsed.rows.flatMap((r) => {
        const cohortId = cohorts.get(r.cohort);
        return cohortId ? [{ ...r, cohortId }] : [];
      });
      errors.push(...(await checkAgainstProgram(em, program, rows)));
      if (errors.length) throw rejected(sortByLine(errors));
      if (!rows.length)
        throw rejected([{ field: 'file', reason: 'empty', message: 'The file has no rows.' }]);
      const out = await writeEnrollments(em, actor.id, programId, rows);
      return { enrolled: out.enrollments.length, accountsCreated: out.invites.length, invites: out.invites };
    });
  }

  async listForProgram(actor: Actor, programId: string): Promise<EnrollmentView[]> {
    assertProgramAdmin(actor);
    return this.uow.run(async ({ em }) => {
      await findProgram(em, programId);
      const rows = await em.find(Enrollment, { where: { programId }, order: { createdAt: 'ASC' } });
      return rows.map(toEnrollmentView);
    });
  }

  async mine(actor: Actor): Promise<EnrollmentView[]> {
    return this.uow.run(async ({ em }) =>
      (await em.find(Enrollment, { where: { userId: actor.id }, order: { createdAt: 'DESC' } })).map(
        toEnrollmentView,
      ),
    );
  }

  /** A trainee created by the office sets their own password with the one-time code. */
  async claimInvite(dto: ClaimInviteDto): Promise<void> {
    const id = parseIdentifier(dto.mobile);
    const code = normalizeCode(dto.code, INVITE_CODE_GROUPS);
    const key = `invite:${id.kind === 'phone' ? id.phone : id.email}`;
    const tries = await this.limiter.hit(key, 3600);
    if (tries.count > 10) throw RateLimiter.tooMany(tries.resetAt);
    const passwordHash = await hashPassword(dto.password);
    await this.uow.run(async ({ em }) => {
      const invite = await this.openInvite(em, id.kind === 'phone' ? id.phone : null);
      const given = Buffer.from(code ? hashInviteCode(code) : '');
      if (!invite || given.length !== 64 || !timingSafeEqual(given, Buffer.from(invite.codeHash))) {
        throw new DomainError(
          'AUTH_INVALID_CREDENTIALS',
          'The mobile number or invite code is wrong or expired.',
        );
      }
      await em.update(TraineeInvite, { id: invite.id }, { claimedAt: new Date() });
      await em.update(User, { id: invite.userId }, { passwordHash });
    });
    await this.limiter.reset(key);
  }

  private async openInvite(em: EntityManager, phone: string | null): Promise<TraineeInvite | null> {
    if (!phone) return null;
    const user = await em.findOneBy(User, { phone });
    if (!user) return null;
    const invite = await em.findOne(TraineeInvite, {
      where: { userId: user.id, claimedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    return invite && invite.expiresAt.getTime() > Date.now() ? invite : null;
  }
}

function sortByLine(errors: ErrorFieldDetail[]): ErrorFieldDetail[] {
  const line = (d: ErrorFieldDetail): number => Number(/^line (\d+)/.exec(d.field)?.[1] ?? 0);
  return [...errors].sort((a, b) => line(a) - line(b));
}
