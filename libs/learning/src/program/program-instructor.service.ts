import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { DomainError, ProgramInstructorView } from '@app/contracts';
import { UnitOfWork } from '@app/database';
import { Actor, maskEmail, maskPhone, parseIdentifier, User, UserRole } from '@app/identity';
import { assertProgramAdmin } from '../common/access';
import { AssignInstructorDto } from './dto/program.dto';
import { ProgramInstructor } from './program-instructor.entity';
import { findProgram } from './program.service';

type Lookup = { field: 'userId'; userId: string } | { field: 'identifier'; raw: string };

export function toProgramInstructorView(row: ProgramInstructor, user: User): ProgramInstructorView {
  return {
    userId: user.id,
    displayName: user.displayName,
    maskedPhone: user.phone ? maskPhone(user.phone) : null,
    maskedEmail: user.email ? maskEmail(user.email) : null,
    assignedAt: row.assignedAt.toISOString(),
  };
}

/** Who may author a program's courses; the program office assigns them by what they sign in with. */
@Injectable()
export class ProgramInstructorService {
  constructor(private readonly uow: UnitOfWork) {}

  async list(actor: Actor, programId: string): Promise<ProgramInstructorView[]> {
    assertProgramAdmin(actor);
    return this.uow.run(async ({ em }) => {
      await findProgram(em, programId);
      const rows = await em.find(ProgramInstructor, {
        where: { programId },
        order: { assignedAt: 'ASC', userId: 'ASC' },
      });
      const users = new Map(
        (await em.findBy(User, { id: In(rows.map((r) => r.userId)) })).map((u) => [u.id, u]),
      );
      return rows.flatMap((r) => {
        const user = users.get(r.userId);
        return user ? [toProgramInstructorView(r, user)] : [];
      });
    });
  }

  /** Idempotent: assigning someone already assigned answers their existing row. */
  async assign(actor: Actor, programId: string, dto: AssignInstructorDto): Promise<ProgramInstructorView> {
    assertProgramAdmin(actor);
    const lookup = whom(dto);
    return this.uow.run(async ({ em }) => {
      await findProgram(em, programId);
      const user = await findAccount(em, lookup);
      if (!(await em.existsBy(UserRole, { userId: user.id, role: 'instructor' }))) {
        const message = 'The account does not hold the instructor role.';
        throw new DomainError('VALIDATION_FAILED', message, [
          { field: lookup.field, reason: 'notInstructor', message },
        ]);
      }
      await em
        .createQueryBuilder()
        .insert()
        .into(ProgramInstructor)
        .values({ programId, userId: user.id, assignedBy: actor.id })
        .orIgnore()
        .execute();
      const row = await em.findOneByOrFail(ProgramInstructor, { programId, userId: user.id });
      return toProgramInstructorView(row, user);
    });
  }

  /** Idempotent; the courses they wrote stay with the program, only their right to edit goes. */
  async remove(actor: Actor, programId: string, userId: string): Promise<void> {
    assertProgramAdmin(actor);
    await this.uow.run(async ({ em }) => {
      await findProgram(em, programId);
      await em.delete(ProgramInstructor, { programId, userId });
    });
  }
}

/** Exactly one of `userId` and `identifier`; the identifier normalised as sign-in does it. */
function whom(dto: AssignInstructorDto): Lookup {
  if (dto.userId !== undefined && dto.identifier !== undefined) {
    const message = 'Give either the account id or the mobile number / e-mail, not both.';
    throw new DomainError('VALIDATION_FAILED', message, [{ field: 'identifier', reason: 'oneOf', message }]);
  }
  if (dto.userId !== undefined) return { field: 'userId', userId: dto.userId };
  return { field: 'identifier', raw: dto.identifier ?? '' };
}

async function findAccount(em: EntityManager, lookup: Lookup): Promise<User> {
  if (lookup.field === 'userId') {
    const user = await em.findOneBy(User, { id: lookup.userId });
    if (!user) throw unknownAccount('userId', 'No account has that id.');
    return user;
  }
  const id = parseIdentifier(lookup.raw);
  const user = await em.findOneBy(User, id.kind === 'phone' ? { phone: id.phone } : { email: id.email });
  if (!user) throw unknownAccount('identifier', 'No account signs in with that mobile number or e-mail.');
  return user;
}

function unknownAccount(field: Lookup['field'], message: string): DomainError {
  return new DomainError('NOT_FOUND', message, [{ field, reason: 'unknownAccount', message }]);
}
