import { createHash } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { EligibilityCategory, ErrorFieldDetail, TraineeInvite as InviteView } from '@app/contracts';
import { User, UserRole } from '@app/identity';
import { onUniqueViolation } from '../common/access';
import { randomCode } from '../common/codes';
import { Program } from '../program/program.entity';
import { Enrollment } from './enrollment.entity';
import { TraineeInvite } from './trainee-invite.entity';

export const INVITE_CODE_GROUPS = 3;
const INVITE_TTL_MS = 30 * 24 * 3600_000;
/** Not an argon2 hash: verification fails for every password until the invite is claimed. */
export const UNUSABLE_PASSWORD = '!invite-pending';

export const hashInviteCode = (code: string): string => createHash('sha256').update(code).digest('hex');

export interface ResolvedRow {
  line: number | null;
  name: string;
  phone: string;
  category: EligibilityCategory;
  cohortId: string;
}

export interface WriteOutcome {
  enrollments: Enrollment[];
  invites: InviteView[];
}

/**
 * Checks the rows against the database (category allowed by the program, not enrolled yet):
 * returns every problem, and writes nothing, so the caller can refuse the whole import.
 */
export async function checkAgainstProgram(
  em: EntityManager,
  program: Program,
  rows: readonly ResolvedRow[],
): Promise<ErrorFieldDetail[]> {
  const where = (r: ResolvedRow, field: string): string =>
    r.line === null ? field : `line ${r.line}: ${field}`;
  const errors: ErrorFieldDetail[] = [];
  const users = rows.length ? await em.findBy(User, { phone: In(rows.map((r) => r.phone)) }) : [];
  const enrolled = users.length
    ? await em.findBy(Enrollment, { programId: program.id, userId: In(users.map((u) => u.id)) })
    : [];
  const enrolledPhones = new Set(
    enrolled.map((e) => users.find((u) => u.id === e.userId)?.phone).filter((p): p is string => !!p),
  );
  for (const r of rows) {
    if (!program.eligibleCategories.includes(r.category)) {
      errors.push({
        field: where(r, 'category'),
        reason: 'notEligible',
        message: `The program does not admit ${r.category}.`,
      });
    }
    if (enrolledPhones.has(r.phone)) {
      errors.push({
        field: where(r, 'mobile'),
        reason: 'alreadyEnrolled',
        message: 'Already enrolled in this program.',
      });
    }
  }
  return errors;
}

/**
 * Enrols checked rows inside the caller's transaction. People without an account get one with an
 * unusable password and a one-time invite code; people with one get the trainee role if missing.
 */
export async function writeEnrollments(
  em: EntityManager,
  actorId: string,
  programId: string,
  rows: readonly ResolvedRow[],
): Promise<WriteOutcome> {
  const existing = rows.length ? await em.findBy(User, { phone: In(rows.map((r) => r.phone)) }) : [];
  const byPhone = new Map(existing.map((u) => [u.phone, u]));
  const invites: InviteView[] = [];
  const enrollments: Enrollment[] = [];
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  for (const r of rows) {
    let user = byPhone.get(r.phone);
    if (!user) {
      user = await em.save(
        em.create(User, {
          phone: r.phone,
          email: null,
          passwordHash: UNUSABLE_PASSWORD,
          displayName: r.name,
          roles: [{ role: 'trainee', grantedBy: actorId }],
        }),
      );
      const code = randomCode(INVITE_CODE_GROUPS);
      await em.insert(TraineeInvite, {
        userId: user.id,
        codeHash: hashInviteCode(code),
        expiresAt,
        createdBy: actorId,
      });
      invites.push({ mobile: r.phone, code, expiresAt: expiresAt.toISOString() });
    } else {
      await em
        .createQueryBuilder()
        .insert()
        .into(UserRole)
        .values({ userId: user.id, role: 'trainee', grantedBy: actorId })
        .orIgnore()
        .execute();
    }
    enrollments.push(
      em.create(Enrollment, {
        programId,
        cohortId: r.cohortId,
        userId: user.id,
        traineeName: r.name,
        category: r.category,
        enrolledBy: actorId,
      }),
    );
  }
  const saved = await onUniqueViolation(
    em.save(enrollments),
    'Someone enrolled one of these trainees at the same time; try again.',
  );
  return { enrollments: saved, invites };
}
