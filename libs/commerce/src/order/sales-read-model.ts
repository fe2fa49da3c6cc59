import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SalesStatuses } from './order.state';

export interface SalesBucket {
  orders: number;
  salesMinor: number;
}

/**
 * A shop's takings cut into time buckets. The buckets come in as UTC instants (see local-days.ts),
 * so the SQL knows nothing of time zones; a bucket without sales comes back as zeros.
 */
@Injectable()
export class SalesReadModel {
  /**
   * One bucket per [bounds[i], bounds[i + 1]) of the orders whose money was taken in it, by
   * `paid_at`: a prepaid order's capture, a cash-on-delivery order's delivery (set by
   * `OrderService.applyTransition`). Only `SalesStatuses` count, so a refund or cancellation takes
   * an order out of every bucket, its own day's included.
   */
  async buckets(em: EntityManager, shopId: string, bounds: readonly Date[]): Promise<SalesBucket[]> {
    if (bounds.length < 2) return [];
    const rows = (await em.query(
      `SELECT d.i::int AS i, count(o.id)::int AS orders, coalesce(sum(o.total_minor), 0)::bigint AS sales
         FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS d(start_at, end_at, i)
         LEFT JOIN orders o ON o.shop_id = $1 AND o.status = ANY($4::varchar[])
                           AND o.paid_at >= d.start_at AND o.paid_at < d.end_at
        GROUP BY d.i
        ORDER BY d.i`,
      [shopId, bounds.slice(0, -1), bounds.slice(1), SalesStatuses],
    )) as { i: number; orders: number; sales: string }[];
    return rows.map((r) => ({ orders: r.orders, salesMinor: Number(r.sales) }));
  }
}
