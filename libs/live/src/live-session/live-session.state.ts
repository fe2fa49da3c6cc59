import { DomainError, LiveSessionStatus } from '@app/contracts';

/** Every allowed move of a live session, in one table (STYLE habit 5). */
const TRANSITIONS: Record<LiveSessionStatus, readonly LiveSessionStatus[]> = {
  scheduled: ['live', 'cancelled'],
  live: ['ended'],
  ended: [],
  cancelled: [],
};

export function canTransition(from: LiveSessionStatus, to: LiveSessionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: LiveSessionStatus, to: LiveSessionStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('SESSION_STATE_INVALID', `A ${from} session cannot become ${to}.`);
  }
}
