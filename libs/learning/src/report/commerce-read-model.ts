import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface ShopFigures {
  shopsOpened: number;
  orders: number;
  salesMinor: number;
}

/**
 * The one place learning reads commerce data. libs/commerce is being built concurrently and
 * learning must not import it, so this reads the tables with raw SQL, and only when the columns
 * it relies on exist: `shops(id, owner_id, kind, status)` and `orders(shop_id, total_minor, status,
 * paid_at, live_session_id)`. Otherwise every figure is 0 and callers report
 * `commerceAvailable: false`. When commerce's schema changes, this file is the one to follow.
 * Counted: real (`live`) shops that are `open`; paid orders that were not refunded or cancelled.
 */
@Injectable()
export class CommerceReadModel {
  private static readonly NEEDED: ReadonlyArray<[string, string]> = [
    ['shops', 'id'],
    ['shops', 'owner_id'],
    ['shops', 'kind'],
    ['shops', 'status'],
    ['orders', 'shop_id'],
    ['orders', 'paid_at'],
    ['orders', 'total_minor'],
    ['orders', 'status'],
    ['orders', 'live_session_id'],
  ];

  async available(em: EntityManager): Promise<boolean> {
    const rows: Array<{ n: string }> = await em.query(
      `SELECT COUNT(*) AS n FROM information_schema.columns
        WHERE table_schema = current_schema() AND (table_name, column_name) IN (${CommerceReadModel.NEEDED.map(
          (_, i) => `($${2 * i + 1}, $${2 * i + 2})`,
        ).join(', ')})`,
      CommerceReadModel.NEEDED.flat(),
    );
    return Number(rows[0].n) === CommerceReadModel.NEEDED.length;
  }

  /** Shops owned by each user, with their paid orders and sales (minor units). */
  async byOwner(em: EntityManager, userIds: readonly string[]): Promise<Map<string, ShopFigures>> {
    const out = new Map<string, ShopFigures>();
    if (!userIds.length || !(await this.available(em))) return out;
    const rows: Array<{ owner_id: string; shops: string; orders: string; sales: string | null }> =
      await em.query(
        `SELECT s.owner_id::text AS owner_id, COUNT(DISTINCT s.id) AS shops, COUNT(o.id) AS orders,
              COALESCE(SUM(o.total_minor), 0) AS sales
         FROM shops s
         LEFT JOIN orders o ON o.shop_id = s.id AND o.paid_at IS NOT NULL
                           AND o.status NOT IN ('cancelled', 'refund_requested', 'refunded')
        WHERE s.owner_id::text = ANY($1) AND s.kind = 'live' AND s.status = 'open'
        GROUP BY s.owner_id`,
        [userIds],
      );
    for (const r of rows) {
      out.set(r.owner_id, {
        shopsOpened: Number(r.shops),
        orders: Number(r.orders),
        salesMinor: Number(r.sales ?? 0),
      });
    }
    return out;
  }

  /** Orders placed during one live session (a practice sale uses the sandbox). */
  async sessionOrders(
    em: EntityManager,
    sessionId: string,
  ): Promise<{ orders: number; salesMinor: number } | null> {
    if (!(await this.available(em))) return null;
    const rows: Array<{ orders: string; sales: string | null }> = await em.query(
      `SELECT COUNT(*) AS orders, COALESCE(SUM(total_minor), 0) AS sales FROM orders
        WHERE live_session_id::text = $1 AND paid_at IS NOT NULL
          AND status NOT IN ('cancelled', 'refund_requested', 'refunded')`,
      [sessionId],
    );
    return { orders: Number(rows[0].orders), salesMinor: Number(rows[0].sales ?? 0) };
  }
}
