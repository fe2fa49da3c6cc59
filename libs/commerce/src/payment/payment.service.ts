import { Inject, Injectable, Logger } from '@nestjs/common';
import { API_CONFIG, ApiConfig } from '@app/config';
import { Currencies, DomainError, OrderView, PaymentWebhookEvent } from '@app/contracts';
import { TransactionScope, UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { OrderService } from '../order/order.service';
import { orderNotFound, orderViews } from '../order/order.views';
import { PaymentProviders } from './payment-provider';
import { verifyWebhook } from './webhook-signature';

export interface WebhookOutcome {
  eventId: string;
  outcome: 'applied' | 'duplicate' | 'order_not_found' | 'amount_mismatch' | 'not_payable';
}

/** Takes money: the buyer asks to pay, or a provider's signed webhook says it was paid. */
@Injectable()
export class PaymentService {
  private readonly logger = new Logger(PaymentService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly orders: OrderService,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  /** The buyer pays; the sandbox captures at once, inside the same transaction as the status change. */
  async pay(actor: Actor, orderId: string): Promise<OrderView> {
    return this.uow.run(async (scope) => {
      const order = await this.orders.lockForSystem(scope.em, orderId);
      if (!order || order.buyerId !== actor.id) throw orderNotFound();
      const provider = PaymentProviders[order.paymentMethod];
      if (order.status !== 'pending_payment') {
        throw new DomainError(
          'ORDER_STATE_INVALID',
          `This order is ${order.status}; there is nothing to pay.`,
        );
      }
      const { captured } = await provider.requestPayment(order);
      if (captured) {
        await this.orders.applyTransition(
          scope,
          order,
          'paid',
          'system',
          actor.id,
          `paid with ${provider.name}`,
          {
            paidAt: new Date(),
            paymentProvider: provider.name,
          },
        );
      }
      return (await orderViews(scope.em, [order]))[0];
    });
  }

  /**
   * A provider's notification. The signature covers the raw bytes; the event id is recorded in the
   * same transaction as its effect, so a replay (or two deliveries racing) changes nothing twice.
   */
  async webhook(provider: string, rawBody: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
    const secret = this.cfg.commerce.webhookSecrets[provider];
    if (!secret || !verifyWebhook(secret, rawBody, signature)) {
      throw new DomainError('PAYMENT_SIGNATURE_INVALID', 'The webhook signature does not match.');
    }
    const event = parseEvent(rawBody);
    return this.uow.run(async (scope) => {
      const fresh = (await scope.em.query(
        `INSERT INTO payment_events (provider, event_id, order_id, type, outcome) VALUES ($1, $2, NULL, $3, 'received')
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [provider, event.eventId, event.type],
      )) as unknown[];
      if (!fresh.length) return { eventId: event.eventId, outcome: 'duplicate' as const };
      const outcome = await this.applyPayment(scope, provider, event);
      await scope.em.query(
        'UPDATE payment_events SET outcome = $3, order_id = $4 WHERE provider = $1 AND event_id = $2',
        [provider, event.eventId, outcome, outcome === 'order_not_found' ? null : event.orderId],
      );
      if (outcome !== 'applied') this.logger.warn(`${provider} event ${event.eventId}: ${outcome}`);
      return { eventId: event.eventId, outcome };
    });
  }

  private async applyPayment(
    scope: TransactionScope,
    provider: string,
    event: PaymentWebhookEvent,
  ): Promise<WebhookOutcome['outcome']> {
    const order = await this.orders.lockForSystem(scope.em, event.orderId);
    if (!order) return 'order_not_found';
    if (order.totalMinor !== event.amountMinor || order.currency !== event.currency) return 'amount_mismatch';
    // money for an order that expired or was cancelled meanwhile: kept for a manual refund
    if (order.status !== 'pending_payment' || order.paymentMethod !== provider) return 'not_payable';
    await this.orders.applyTransition(
      scope,
      order,
      'paid',
      'system',
      null,
      `${provider} event ${event.eventId}`,
      {
        paidAt: new Date(),
        paymentProvider: provider,
      },
    );
    return 'applied';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseEvent(raw: Buffer): PaymentWebhookEvent {
  let e: Partial<PaymentWebhookEvent>;
  try {
    e = JSON.parse(raw.toString('utf8')) as Partial<PaymentWebhookEvent>;
  } catch {
    throw new DomainError('MALFORMED_JSON', 'The webhook body is not JSON.');
  }
  const ok =
    typeof e.eventId === 'string' &&
    /^[A-Za-z0-9_.:-]{1,100}$/.test(e.eventId) &&
    e.type === 'payment.succeeded' &&
    typeof e.orderId === 'string' &&
    UUID.test(e.orderId) &&
    Number.isSafeInteger(e.amountMinor) &&
    Currencies.includes(e.currency as never);
  if (!ok) throw new DomainError('VALIDATION_FAILED', 'The webhook event is not one we understand.');
  return e as PaymentWebhookEvent;
}
