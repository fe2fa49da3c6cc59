import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Currency } from '@app/contracts';

/** Which orders to add up: those tied to a live session, and the owner's shop orders in a window. */
export interface OrderFiguresFilter {
  liveSessionId: string;
  /** shop owner whose orders placed inside [from, to] count too (bought from the stream) */
  shopOwnerId: string;
  from: Date;
  to: Date;
}

export interface OrderFigures {
  orders: number;
  units: number;
  salesMinor: number;
  buyers: number;
  currency: Currency | null;
}

export interface OrderSummary {
  orderId: string;
  buyerName: string;
  /** the first line's title; orders from a stream usually hold one product */
  productTitle: string;
  quantity: number;
  totalMinor: number;
  currency: Currency;
  flashSaleId: string | null;
  createdAt: Date;
}

/**
 * Orders placed and not called off: what a stream sold while it ran. Not takings: a
 * cash-on-delivery order counts here from the moment it is placed, but in the shop's sales charts
 * only once delivered (`SalesStatuses` and `paid_at`), since the cash comes days after the stream.
 */
const SOLD = `o.status NOT IN ('cancelled', 'refunded')`;

/**
 * Read-only figures over orders for other libs (live selling stats and the order feed). The SQL
 * over commerce's tables stays here, next to the entities it reads.
 */
@Injectable()
export class OrderReadModel {
  async figures(em: EntityManager, f: OrderFiguresFilter): Promise<OrderFigures> {
    const [row] = (await em.query(
      `SELECT count(*)::int AS orders, coalesce(sum(o.total_minor), 0)::bigint AS sales,
              count(DISTINCT o.buyer_id)::int AS buyers, coalesce(sum(i.units), 0)::int AS units,
              min(o.currency) AS currency
         FROM orders o
         CROSS JOIN LATERAL (SELECT sum(quantity) AS units FROM order_items WHERE order_id = o.id) i
        WHERE ${SOLD}
          AND (o.live_session_id = $1
               OR (o.live_session_id IS NULL AND o.created_at BETWEEN $3 AND $4
                   AND o.shop_id IN (SELECT id FROM shops WHERE owner_id = $2)))`,
      [f.liveSessionId, f.shopOwnerId, f.from, f.to],
    )) as { orders: number; sales: string; buyers: number; units: number; currency: Currency | null }[];
    return {
      orders: row.orders,
      units: row.units,
      salesMinor: Number(row.sales),
      buyers: row.buyers,
      currency: row.currency,
    };
  }

  /** One row per order, in the order of `orderIds`; unknown ids are skipped. */
  async summaries(em: EntityManager, orderIds: readonly string[]): Promise<OrderSummary[]> {
    if (!orderIds.length) return [];
    const rows = (await em.query(
      `SELECT o.id, u.display_name, o.total_minor, o.currency, o.flash_sale_id, o.created_at,
              i.title, i.units
         FROM orders o
         JOIN users u ON u.id = o.buyer_id
         CROSS JOIN LATERAL (SELECT min(title) AS title, sum(quantity)::int AS units
                               FROM order_items WHERE order_id = o.id) i
        WHERE o.id = ANY($1::uuid[])`,
      [orderIds],
    )) as {
      id: string;
      display_name: string;
      total_minor: string;
      currency: Currency;
      flash_sale_id: string | null;
      created_at: Date;
      title: string;
      units: number;
    }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return orderIds.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      return [
        {
          orderId: r.id,
          buyerName: r.display_name,
          productTitle: r.title,
          quantity: r.units,
          totalMinor: Number(r.total_minor),
          currency: r.currency,
          flashSaleId: r.flash_sale_id,
          createdAt: r.created_at,
        },
      ];
    });
  }
}
