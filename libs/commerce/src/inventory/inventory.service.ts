import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DomainError } from '@app/contracts';
import { splitIntoSlots, STOCK_SLOTS, takeAcross } from './stock-slots';

/** A pool of units: a variant's shelf stock, or a flash sale's own quantity. */
export interface StockPool {
  kind: 'variant' | 'flash_sale';
  id: string;
}

const TABLE = {
  variant: { table: 'variant_stock_slots', key: 'variant_id' },
  flash_sale: { table: 'flash_sale_stock_slots', key: 'flash_sale_id' },
} as const;

const outOfStock = (): DomainError =>
  new DomainError('OUT_OF_STOCK', 'Sold out: not enough units are left for this order.');

/**
 * Stock held in STOCK_SLOTS rows per pool. Every method works inside the caller's transaction, so
 * a reservation and the order it is for commit (or vanish) together. Callers touching several
 * pools in one transaction go in a fixed order (by id), which keeps lock waits free of cycles.
 * Order placement takes its units in SQL instead, a batch at a time (`commerce_place_orders`, see
 * its migration): it locks a pool's slots in slot order too, and keeps them even.
 */
@Injectable()
export class InventoryService {
  async stock(em: EntityManager, pool: StockPool, total: number): Promise<void> {
    const { table, key } = TABLE[pool.kind];
    await em.query(
      `INSERT INTO ${table} (${key}, slot, qty)
       SELECT $1, (s.i - 1)::smallint, s.qty FROM unnest($2::int[]) WITH ORDINALITY AS s(qty, i)`,
      [pool.id, splitIntoSlots(total)],
    );
  }

  /**
   * Takes `qty` units; returns the units left right after (a snapshot). One statement takes them
   * from a single slot, starting at a random one and skipping slots other buyers hold locked, so
   * buyers never queue behind each other while free slots remain. Only when that finds nothing
   * (near sell-out, or no single slot holds enough) does it wait for the slots and take across them.
   */
  async reserve(em: EntityManager, pool: StockPool, qty: number): Promise<number> {
    const { table, key } = TABLE[pool.kind];
    const [rows] = (await em.query(
      `UPDATE ${table} s SET qty = s.qty - $2
         FROM (SELECT slot FROM ${table} WHERE ${key} = $1 AND qty >= $2
               ORDER BY (slot + $3) % ${STOCK_SLOTS} LIMIT 1 FOR UPDATE SKIP LOCKED) pick
        WHERE s.${key} = $1 AND s.slot = pick.slot
        RETURNING s.qty + (SELECT coalesce(sum(o.qty), 0) FROM ${table} o WHERE o.${key} = $1 AND o.slot <> s.slot)::int AS available`,
      [pool.id, qty, randomInt(STOCK_SLOTS)],
    )) as [{ available: number }[], number];
    return rows.length ? rows[0].available : this.reserveAcross(em, pool, qty);
  }

  /** Near sell-out: waits for the slots still holding units and takes from several of them. */
  private async reserveAcross(em: EntityManager, pool: StockPool, qty: number): Promise<number> {
    const { table, key } = TABLE[pool.kind];
    const rows = (await em.query(
      `SELECT slot, qty FROM ${table} WHERE ${key} = $1 AND qty > 0 ORDER BY slot FOR UPDATE`,
      [pool.id],
    )) as { slot: number; qty: number }[];
    const taken = takeAcross(rows, qty);
    if (!taken) throw outOfStock();
    await em.query(
      `UPDATE ${table} s SET qty = s.qty - t.n FROM unnest($2::smallint[], $3::int[]) AS t(slot, n)
        WHERE s.${key} = $1 AND s.slot = t.slot`,
      [pool.id, [...taken.keys()], [...taken.values()]],
    );
    return rows.reduce((sum, r) => sum + r.qty, 0) - qty;
  }

  /** Puts units back into one random slot; returns the units available after (a snapshot). */
  async release(em: EntityManager, pool: StockPool, qty: number): Promise<number> {
    const { table, key } = TABLE[pool.kind];
    await em.query(`UPDATE ${table} SET qty = qty + $2 WHERE ${key} = $1 AND slot = $3`, [
      pool.id,
      qty,
      randomInt(STOCK_SLOTS),
    ]);
    return (await this.available(em, pool.kind, [pool.id])).get(pool.id) ?? 0;
  }

  /** Empties a pool (waiting for in-flight reservations) and returns what it held. */
  async drain(em: EntityManager, pool: StockPool): Promise<number> {
    const { table, key } = TABLE[pool.kind];
    const rows = (await em.query(`SELECT qty FROM ${table} WHERE ${key} = $1 ORDER BY slot FOR UPDATE`, [
      pool.id,
    ])) as {
      qty: number;
    }[];
    await em.query(`UPDATE ${table} SET qty = 0 WHERE ${key} = $1`, [pool.id]);
    return rows.reduce((sum, r) => sum + r.qty, 0);
  }

  async available(em: EntityManager, kind: StockPool['kind'], ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const { table, key } = TABLE[kind];
    const rows = (await em.query(
      `SELECT ${key} AS id, sum(qty)::int AS available FROM ${table} WHERE ${key} = ANY($1::uuid[]) GROUP BY ${key}`,
      [ids],
    )) as { id: string; available: number }[];
    return new Map(rows.map((r) => [r.id, r.available]));
  }
}
