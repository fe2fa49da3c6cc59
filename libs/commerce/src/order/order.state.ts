import { DomainError, OrderStatus, PaymentMethod } from '@app/contracts';

/** Who asks for a transition: the buyer, the shop's owner, or the system (expiry, a payment provider). */
export type OrderParty = 'buyer' | 'seller' | 'system';

interface Transition {
  to: OrderStatus;
  by: readonly OrderParty[];
}

/**
 * The one order state machine. Prepaid orders start at `pending_payment`; cash-on-delivery orders
 * start at `confirmed` (stock held, nothing to pay yet; the cash is collected on delivery).
 */
export const OrderTransitions: Readonly<Record<OrderStatus, readonly Transition[]>> = {
  pending_payment: [
    { to: 'paid', by: ['system'] },
    { to: 'cancelled', by: ['buyer', 'system'] },
  ],
  confirmed: [
    { to: 'shipped', by: ['seller'] },
    { to: 'cancelled', by: ['buyer', 'seller'] },
  ],
  paid: [
    { to: 'shipped', by: ['seller'] },
    { to: 'refund_requested', by: ['buyer'] },
  ],
  refund_requested: [
    { to: 'refunded', by: ['seller', 'system'] },
    { to: 'paid', by: ['seller'] },
  ],
  shipped: [{ to: 'delivered', by: ['buyer', 'system'] }],
  delivered: [{ to: 'completed', by: ['buyer', 'system'] }],
  completed: [],
  cancelled: [],
  refunded: [],
};

/** Statuses whose stock goes back to the shelf when entered: the goods never left. */
export const RestockingStatuses: ReadonlySet<OrderStatus> = new Set(['cancelled', 'refunded']);

/**
 * What a seller counts as takings (the shop's daily chart, the program dashboard): the money was
 * taken (`paid_at` is set, see `collectsCashOnDelivery`) and is not on its way back, counted on the
 * day it was taken. `refund_requested` is left out until the seller rejects the request; a refunded
 * or cancelled order drops out whenever that happens. A cash-on-delivery order counts from its
 * delivery on, when the courier took the cash; before that it is `confirmed` or `shipped` with no
 * `paid_at`, and counts nowhere but in a live stream's orders (placed, not called off).
 */
export const SalesStatuses: readonly OrderStatus[] = ['paid', 'shipped', 'delivered', 'completed'];

/**
 * Whether entering `to` is when the money of an order paid by `method` is taken, besides `paid`
 * (which the payment code records with the provider's capture): the courier collects a
 * cash-on-delivery order's cash as the goods are handed over, so its `paid_at` is its delivery.
 */
export function collectsCashOnDelivery(method: PaymentMethod, to: OrderStatus): boolean {
  return method === 'cod' && to === 'delivered';
}

export function initialStatus(method: 'sandbox' | 'cod'): OrderStatus {
  return method === 'cod' ? 'confirmed' : 'pending_payment';
}

export function canTransition(from: OrderStatus, to: OrderStatus, by: OrderParty): boolean {
  return OrderTransitions[from].some((t) => t.to === to && t.by.includes(by));
}

export function assertTransition(from: OrderStatus, to: OrderStatus, by: OrderParty): void {
  if (!canTransition(from, to, by)) {
    throw new DomainError(
      'ORDER_STATE_INVALID',
      `An order that is ${from} cannot become ${to} (asked by the ${by}).`,
    );
  }
}
