import { DomainError } from '@app/contracts';
import { Actor, hasAnyRole } from '@app/identity';

/** Program admins run programs, enrolment, corrections and revocations (admins pass too). */
export function assertProgramAdmin(actor: Actor): void {
  if (!hasAnyRole(actor.roles, ['program_admin'])) {
    throw new DomainError('FORBIDDEN', 'Only a program admin can do this.');
  }
}

/** Staff read every course and trainee record: instructors, program admins, admins. */
export function isStaff(actor: Actor): boolean {
  return hasAnyRole(actor.roles, ['instructor', 'program_admin']);
}

export function assertStaff(actor: Actor): void {
  if (!isStaff(actor)) throw new DomainError('FORBIDDEN', 'Only instructors and program admins can do this.');
}

export function assertInstructor(actor: Actor): void {
  if (!hasAnyRole(actor.roles, ['instructor'])) {
    throw new DomainError('FORBIDDEN', 'Only an instructor can do this.');
  }
}

/** PostgreSQL's unique_violation: a concurrent request won the race for the same row. */
export async function onUniqueViolation<T>(work: Promise<T>, message: string): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw new DomainError('CONFLICT', message);
    throw e;
  }
}
