import { DomainError, ShopStatus } from '@app/contracts';

/**
 * The one shop state machine. A practice shop opens at once; a live shop waits for the program
 * office, which opens or rejects it. Both decisions are final: a rejected owner applies again
 * with a new shop, so the reason stays with the one it was given for.
 */
export const ShopTransitions: Readonly<Record<ShopStatus, readonly ShopStatus[]>> = {
  pending_approval: ['open', 'rejected'],
  open: [],
  rejected: [],
};

export function assertShopTransition(from: ShopStatus, to: ShopStatus): void {
  if (ShopTransitions[from].includes(to)) return;
  const verb = to === 'open' ? 'approved' : 'rejected';
  throw new DomainError(
    'CONFLICT',
    `This shop is ${from.replace('_', ' ')}; only shops waiting for approval can be ${verb}.`,
  );
}
