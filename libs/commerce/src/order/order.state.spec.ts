import { OrderStatuses } from '@app/contracts';
import {
  assertTransition,
  canTransition,
  collectsCashOnDelivery,
  initialStatus,
  OrderTransitions,
} from './order.state';

describe('order state machine', () => {
  it('follows the happy path of a prepaid order', () => {
    expect(initialStatus('sandbox')).toBe('pending_payment');
    expect(canTransition('pending_payment', 'paid', 'system')).toBe(true);
    expect(canTransition('paid', 'shipped', 'seller')).toBe(true);
    expect(canTransition('shipped', 'delivered', 'buyer')).toBe(true);
    expect(canTransition('delivered', 'completed', 'buyer')).toBe(true);
  });

  it('starts cash-on-delivery orders confirmed, shippable without payment', () => {
    expect(initialStatus('cod')).toBe('confirmed');
    expect(canTransition('confirmed', 'shipped', 'seller')).toBe(true);
    expect(canTransition('confirmed', 'paid', 'system')).toBe(false);
  });

  it('takes the cash of a cash-on-delivery order at delivery, and only then', () => {
    expect(collectsCashOnDelivery('cod', 'delivered')).toBe(true);
    for (const s of OrderStatuses.filter((x) => x !== 'delivered')) {
      expect(collectsCashOnDelivery('cod', s)).toBe(false);
    }
    for (const s of OrderStatuses) expect(collectsCashOnDelivery('sandbox', s)).toBe(false);
  });

  it('lets only the right party move an order', () => {
    expect(canTransition('pending_payment', 'paid', 'buyer')).toBe(false);
    expect(canTransition('paid', 'shipped', 'buyer')).toBe(false);
    expect(canTransition('refund_requested', 'paid', 'buyer')).toBe(false);
    expect(canTransition('refund_requested', 'paid', 'seller')).toBe(true);
  });

  it('has no way out of final states and refuses with a stable code', () => {
    for (const s of ['completed', 'cancelled', 'refunded'] as const) expect(OrderTransitions[s]).toEqual([]);
    expect(() => assertTransition('cancelled', 'paid', 'system')).toThrow(
      expect.objectContaining({ code: 'ORDER_STATE_INVALID' }),
    );
  });

  it('only targets known statuses', () => {
    for (const s of OrderStatuses) {
      for (const t of OrderTransitions[s]) expect(OrderStatuses).toContain(t.to);
    }
  });
});
