import { EntityManager, In } from 'typeorm';
import { DomainError, OrderHistoryView, OrderView } from '@app/contracts';
import { OrderHistory } from './order-history.entity';
import { OrderItem } from './order-item.entity';
import { Order } from './order.entity';

export const orderNotFound = (): DomainError => new DomainError('NOT_FOUND', 'No such order.');

export function toOrderView(o: Order, items: OrderItem[]): OrderView {
  return {
    id: o.id,
    shopId: o.shopId,
    buyerId: o.buyerId,
    status: o.status,
    paymentMethod: o.paymentMethod,
    totalMinor: o.totalMinor,
    currency: o.currency,
    flashSaleId: o.flashSaleId,
    items: items.map((i) => ({
      variantId: i.variantId,
      productId: i.productId,
      title: i.title,
      label: i.label,
      quantity: i.quantity,
      unitPriceMinor: i.unitPriceMinor,
    })),
    shipTo: o.shipTo,
    shipment:
      o.carrier && o.trackingNumber && o.shippedAt
        ? { carrier: o.carrier, trackingNumber: o.trackingNumber, shippedAt: o.shippedAt.toISOString() }
        : null,
    expiresAt: o.status === 'pending_payment' && o.expiresAt ? o.expiresAt.toISOString() : null,
    createdAt: o.createdAt.toISOString(),
  };
}

export async function orderViews(em: EntityManager, orders: Order[]): Promise<OrderView[]> {
  if (!orders.length) return [];
  const items = await em.find(OrderItem, { where: { orderId: In(orders.map((o) => o.id)) } });
  return orders.map((o) =>
    toOrderView(
      o,
      items.filter((i) => i.orderId === o.id),
    ),
  );
}

export function toHistoryView(h: OrderHistory): OrderHistoryView {
  return { from: h.fromStatus, to: h.toStatus, actorId: h.actorId, reason: h.reason, at: h.at.toISOString() };
}
