import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  CommerceEvent,
  OrderHistoryView,
  OrderStatus,
  OrderView,
  SALES_DEFAULT_TIME_ZONE,
  ShopSalesDaily,
} from '@app/contracts';
import { TransactionScope, UnitOfWork } from '@app/database';
import { Actor } from '@app/identity';
import { ShipOrderDto } from '../dto/order.dto';
import { SalesDailyQuery } from '../dto/shop.dto';
import { FlashSale } from '../flash-sale/flash-sale.entity';
import { InventoryService } from '../inventory/inventory.service';
import { requireOwnShop } from '../shop/shop.access';
import { commerceEvents } from '../shared/events';
import { Shop } from '../shop/shop.entity';
import { OrderHistory } from './order-history.entity';
import { lastLocalDays } from './local-days';
import { OrderItem } from './order-item.entity';
import { Order } from './order.entity';
import { assertTransition, collectsCashOnDelivery, OrderParty, RestockingStatuses } from './order.state';
import { orderNotFound, orderViews, toHistoryView } from './order.views';
import { SalesReadModel } from './sales-read-model';

/** Fields a transition may set besides the status. */
type OrderPatch = Partial<
  Pick<Order, 'carrier' | 'trackingNumber' | 'shippedAt' | 'paidAt' | 'paymentProvider'>
>;

/** Orders after placement: reading them, and every status change through the one state machine. */
@Injectable()
export class OrderService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly inventory: InventoryService,
    private readonly sales: SalesReadModel,
  ) {}

  async get(actor: Actor, id: string): Promise<OrderView> {
    return this.uow.run(async ({ em }) => {
      const { order } = await this.access(em, actor, id, ['buyer', 'seller']);
      return (await orderViews(em, [order]))[0];
    });
  }

  async history(actor: Actor, id: string): Promise<OrderHistoryView[]> {
    return this.uow.run(async ({ em }) => {
      await this.access(em, actor, id, ['buyer', 'seller']);
      return (await em.find(OrderHistory, { where: { orderId: id }, order: { id: 'ASC' } })).map(
        toHistoryView,
      );
    });
  }

  async mine(actor: Actor): Promise<OrderView[]> {
    return this.uow.run(async ({ em }) =>
      orderViews(
        em,
        await em.find(Order, { where: { buyerId: actor.id }, order: { createdAt: 'DESC' }, take: 100 }),
      ),
    );
  }

  async forShop(actor: Actor, shopId: string): Promise<OrderView[]> {
    return this.uow.run(async ({ em }) => {
      await requireOwnShop(em, actor, shopId);
      return orderViews(
        em,
        await em.find(Order, { where: { shopId }, order: { createdAt: 'DESC' }, take: 200 }),
      );
    });
  }

  /** The owner's (or an admin's) takings per day in the asked zone, today last. */
  async salesDaily(actor: Actor, shopId: string, q: SalesDailyQuery): Promise<ShopSalesDaily> {
    const timeZone = q.tz ?? SALES_DEFAULT_TIME_ZONE;
    const { dates, bounds } = lastLocalDays(new Date(), q.days ?? 14, timeZone);
    return this.uow.run(async ({ em }) => {
      const shop = await requireOwnShop(em, actor, shopId);
      const buckets = await this.sales.buckets(em, shop.id, bounds);
      const days = dates.map((date, i) => ({ date, ...buckets[i] }));
      return {
        shopId: shop.id,
        currency: shop.currency,
        timeZone,
        days,
        total: {
          orders: days.reduce((n, d) => n + d.orders, 0),
          salesMinor: days.reduce((n, d) => n + d.salesMinor, 0),
        },
      };
    });
  }

  cancel(actor: Actor, id: string, reason?: string): Promise<OrderView> {
    return this.act(actor, id, ['buyer', 'seller'], 'cancelled', reason ?? 'cancelled');
  }

  ship(actor: Actor, id: string, dto: ShipOrderDto): Promise<OrderView> {
    const patch = { carrier: dto.carrier.trim(), trackingNumber: dto.trackingNumber, shippedAt: new Date() };
    return this.act(actor, id, ['seller'], 'shipped', `${patch.carrier} ${dto.trackingNumber}`, patch);
  }

  confirmDelivery(actor: Actor, id: string): Promise<OrderView> {
    return this.act(actor, id, ['buyer'], 'delivered', 'buyer confirmed receipt');
  }

  complete(actor: Actor, id: string): Promise<OrderView> {
    return this.act(actor, id, ['buyer'], 'completed', 'buyer completed');
  }

  requestRefund(actor: Actor, id: string, reason?: string): Promise<OrderView> {
    return this.act(actor, id, ['buyer'], 'refund_requested', reason ?? 'refund requested');
  }

  /** The seller settles a refund request: refunded (stock back), or rejected (back to paid). */
  decideRefund(actor: Actor, id: string, approve: boolean, reason?: string): Promise<OrderView> {
    return this.act(
      actor,
      id,
      ['seller'],
      approve ? 'refunded' : 'paid',
      reason ?? (approve ? 'refund approved' : 'refund rejected'),
    );
  }

  /**
   * The one place an order changes status: checked against the transition table, written with
   * its history row, stock given back when the goods never left, events queued for after commit.
   * A cash-on-delivery order is marked paid (`paid_at`) here as it is delivered, so every sales
   * figure reads one column whatever the method. The caller holds the order row locked.
   */
  async applyTransition(
    { em, publish: raw }: TransactionScope,
    order: Order,
    to: OrderStatus,
    by: OrderParty,
    actorId: string | null,
    reason: string,
    patch: OrderPatch = {},
  ): Promise<void> {
    const publish = commerceEvents(raw);
    const from = order.status;
    assertTransition(from, to, by);
    const changes: OrderPatch = collectsCashOnDelivery(order.paymentMethod, to)
      ? { ...patch, paidAt: new Date() }
      : patch;
    await em.update(Order, { id: order.id }, { status: to, ...changes });
    await em.insert(OrderHistory, {
      orderId: order.id,
      fromStatus: from,
      toStatus: to,
      actorId,
      reason: reason.slice(0, 200),
    });
    Object.assign(order, { status: to, ...changes });
    if (RestockingStatuses.has(to)) await this.restock(em, publish, order);
    const who = { orderId: order.id, shopId: order.shopId, buyerId: order.buyerId };
    publish({ type: 'OrderStatusChanged', ...who, from, to });
    // money taken: a provider's capture (pending_payment → paid) or cash at the door (→ delivered)
    if (changes.paidAt) {
      const provider = order.paymentProvider ?? order.paymentMethod;
      publish({
        type: 'OrderPaid',
        ...who,
        totalMinor: order.totalMinor,
        currency: order.currency,
        provider,
      });
    }
  }

  /** Locks an order for a change by the system (expiry, payment); null when it does not exist. */
  async lockForSystem(em: EntityManager, id: string): Promise<Order | null> {
    return em.findOne(Order, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private async act(
    actor: Actor,
    id: string,
    parties: OrderParty[],
    to: OrderStatus,
    reason: string,
    patch: OrderPatch = {},
  ): Promise<OrderView> {
    return this.uow.run(async (scope) => {
      const { order, party } = await this.access(scope.em, actor, id, parties, true);
      await this.applyTransition(scope, order, to, party, actor.id, reason, patch);
      return (await orderViews(scope.em, [order]))[0];
    });
  }

  /** Who the actor is to this order; anyone else is told it does not exist. */
  private async access(
    em: EntityManager,
    actor: Actor,
    id: string,
    parties: OrderParty[],
    lock = false,
  ): Promise<{ order: Order; party: OrderParty }> {
    const order = await em.findOne(Order, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!order) throw orderNotFound();
    if (parties.includes('buyer') && order.buyerId === actor.id) return { order, party: 'buyer' };
    if (parties.includes('seller')) {
      const shop = await em.findOne(Shop, {
        where: { id: order.shopId },
        select: { id: true, ownerId: true },
      });
      if (shop?.ownerId === actor.id) return { order, party: 'seller' };
    }
    throw orderNotFound();
  }

  /**
   * Puts the units back where they came from. A flash sale's units go back to the sale while it
   * runs (and the buyer may buy again), to the shelf once it ended; the sale row is share-locked so
   * an ending sale cannot drain its pool between the check and the release.
   */
  private async restock(em: EntityManager, publish: (e: CommerceEvent) => void, order: Order): Promise<void> {
    const items = await em.find(OrderItem, { where: { orderId: order.id }, order: { variantId: 'ASC' } });
    const sale = order.flashSaleId
      ? await em.findOne(FlashSale, { where: { id: order.flashSaleId }, lock: { mode: 'pessimistic_read' } })
      : null;
    for (const item of items) {
      if (sale) {
        await em.query(
          'UPDATE flash_sale_buyers SET quantity = quantity - $3 WHERE flash_sale_id = $1 AND buyer_id = $2',
          [sale.id, order.buyerId, item.quantity],
        );
      }
      const toSale = sale && !sale.endedAt;
      const pool = toSale
        ? { kind: 'flash_sale' as const, id: sale.id }
        : { kind: 'variant' as const, id: item.variantId };
      const available = await this.inventory.release(em, pool, item.quantity);
      publish({
        type: 'StockChanged',
        variantId: item.variantId,
        flashSaleId: toSale ? sale.id : null,
        liveSessionId: toSale ? sale.liveSessionId : null,
        available,
      });
    }
  }
}
