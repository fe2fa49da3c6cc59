import { DomainError, EnrollmentStatus } from '@app/contracts';

/** Every allowed move of an enrolment, in one table (STYLE habit 5). */
const TRANSITIONS: Record<EnrollmentStatus, readonly EnrollmentStatus[]> = {
  active: ['completed', 'withdrawn'],
  // a revoked certificate reopens a completed enrolment
  completed: ['active'],
  withdrawn: [],
};

export function canTransition(from: EnrollmentStatus, to: EnrollmentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: EnrollmentStatus, to: EnrollmentStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('CONFLICT', `A ${from} enrolment cannot become ${to}.`);
  }
}
