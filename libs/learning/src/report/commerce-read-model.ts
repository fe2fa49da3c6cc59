import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface ShopFigures {
  shopsOpened: number;
  orders: number;
  salesMinor: number;
}

export interface MonthFigures {
  /** `YYYY-MM` */
  month: string;
  orders: number;
  salesMinor: number;
}

/** Orders that count as sales here and in commerce's own figures: paid, and not called off. */
const SOLD = `o.paid_at IS NOT NULL AND o.status NOT IN ('cancelled', 'refund_requested', 'refunded')`;

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
         LEFT JOIN orders o ON o.shop_id = s.id AND ${SOLD}
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

  /**
   * The last `months` calendar months in `zone` (a name Postgres knows; the caller's constant),
   * oldest first; and per owner the sales of their open live shops in each month they sold.
   */
  async monthlyByOwner(
    em: EntityManager,
    userIds: readonly string[],
    months: number,
    zone: string,
  ): Promise<{ months: string[]; byOwner: Map<string, MonthFigures[]> }> {
    const list: Array<{ month: string }> = await em.query(
      `SELECT to_char(m, 'YYYY-MM') AS month
         FROM generate_series(date_trunc('month', now() AT TIME ZONE $1) - make_interval(months => $2 - 1),
                              date_trunc('month', now() AT TIME ZONE $1), interval '1 month') AS m`,
      [zone, months],
    );
    const byOwner = new Map<string, MonthFigures[]>();
    if (!userIds.length || !(await this.available(em))) return { months: list.map((r) => r.month), byOwner };
    const rows: Array<{ owner_id: string; month: string; orders: string; sales: string }> = await em.query(
      `SELECT s.owner_id::text AS owner_id, to_char(o.paid_at AT TIME ZONE $2, 'YYYY-MM') AS month,
              COUNT(*) AS orders, SUM(o.total_minor) AS sales
         FROM shops s JOIN orders o ON o.shop_id = s.id AND ${SOLD}
        WHERE s.owner_id::text = ANY($1) AND s.kind = 'live' AND s.status = 'open'
          AND o.paid_at >= (date_trunc('month', now() AT TIME ZONE $2) - make_interval(months => $3 - 1)) AT TIME ZONE $2
        GROUP BY 1, 2`,
      [userIds, zone, months],
    );
    for (const r of rows) {
      const owned = byOwner.get(r.owner_id) ?? [];
      owned.push({ month: r.month, orders: Number(r.orders), salesMinor: Number(r.sales) });
      byOwner.set(r.owner_id, owned);
    }
    return { months: list.map((r) => r.month), byOwner };
  }

  /** Orders placed during one live session (a practice sale uses the sandbox). */
  async sessionOrders(
    em: EntityManager,
    sessionId: string,
  ): Promise<{ orders: number; salesMinor: number } | null> {
    if (!(await this.available(em))) return null;
    const rows: Array<{ orders: string; sales: string | null }> = await em.query(
      `SELECT COUNT(*) AS orders, COALESCE(SUM(o.total_minor), 0) AS sales FROM orders o
        WHERE o.live_session_id::text = $1 AND ${SOLD}`,
      [sessionId],
    );
    return { orders: Number(rows[0].orders), salesMinor: Number(rows[0].sales ?? 0) };
  }
}
