import type { CommerceEvent } from '@app/contracts';
import type { TransactionScope } from '@app/database';

/** Narrows a scope's `publish` to the commerce events declared in contracts (checked payloads). */
export function commerceEvents(publish: TransactionScope['publish']): (event: CommerceEvent) => void {
  return publish;
}
