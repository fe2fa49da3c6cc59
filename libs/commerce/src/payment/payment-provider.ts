import { DomainError, OrderStatus, PaymentMethod, ShopKind } from '@app/contracts';

/**
 * What the order flow needs from a way of paying. Adding WeChat Pay, Alipay or Stripe means one
 * more entry here plus its webhook verification (see docs/PAYMENTS.md).
 */
export interface PaymentProvider {
  readonly name: PaymentMethod;
  /** shop kinds that may take this method (sandbox money is for practice shops only) */
  readonly shopKinds: readonly ShopKind[];
  /** where a new order starts: waiting for money, or confirmed with money collected later */
  readonly initialStatus: Extract<OrderStatus, 'pending_payment' | 'confirmed'>;
  /** the buyer pressed "pay": `captured` settles the order now; otherwise the webhook will */
  requestPayment(order: { id: string; totalMinor: number; currency: string }): Promise<{ captured: boolean }>;
}

const sandbox: PaymentProvider = {
  name: 'sandbox',
  shopKinds: ['practice'],
  initialStatus: 'pending_payment',
  // practice money: paid the moment it is asked for
  requestPayment: () => Promise.resolve({ captured: true }),
};

const cod: PaymentProvider = {
  name: 'cod',
  shopKinds: ['practice', 'live'],
  initialStatus: 'confirmed',
  requestPayment: () =>
    Promise.reject(
      new DomainError('PAYMENT_METHOD_NOT_ALLOWED', 'Cash on delivery is paid to the courier, not online.'),
    ),
};

export const PaymentProviders: Readonly<Record<PaymentMethod, PaymentProvider>> = { sandbox, cod };

export function providerFor(method: PaymentMethod, shopKind: ShopKind): PaymentProvider {
  const provider = PaymentProviders[method];
  if (!provider.shopKinds.includes(shopKind)) {
    throw new DomainError(
      'PAYMENT_METHOD_NOT_ALLOWED',
      `A ${shopKind} shop does not take ${method} payments.`,
    );
  }
  return provider;
}
