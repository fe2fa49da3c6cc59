import { DomainError } from '@app/contracts';
import type { Actor } from '../auth/token.service';

/**
 * For later modules: the actor must own the thing (or be an admin). Answers NOT_FOUND rather than
 * FORBIDDEN when `hide` is set, so ids of other people's things are not confirmed.
 */
export function assertOwner(
  actor: Actor,
  ownerId: string | null | undefined,
  opts: { hide?: boolean; what?: string } = {},
): void {
  if (actor.roles.includes('admin') || (ownerId && ownerId === actor.id)) return;
  if (opts.hide) throw new DomainError('NOT_FOUND', `No such ${opts.what ?? 'record'}.`);
  throw new DomainError('FORBIDDEN', `This ${opts.what ?? 'record'} belongs to someone else.`);
}
