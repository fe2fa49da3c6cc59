import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { AuthResponse, CommerceEvent, FlashSaleView, OrderView, ProductView } from '@app/contracts';
import { OrderSweeper } from '@app/commerce';
import { DomainEventBus } from '@app/database';
import { TestApp } from '@app/testing';
import { auth, Buyer, createFlashSale, quickBuyers, startShop } from './commerce-support';

describe('flash sales under a rush of buyers', () => {
  let t: TestApp;
  let pg: Client;
  let anchor: AuthResponse;
  let product: ProductView;
  const events: CommerceEvent[] = [];

  beforeAll(async () => {
    ({ t, pg, anchor, product } = await startShop(1000));
    const bus = t.app.get(DomainEventBus);
    for (const type of ['OrderPlaced', 'StockChanged', 'FlashSaleEnded'] as const) {
      bus.on<CommerceEvent>(type, (e) => events.push(e));
    }
  });
  afterAll(async () => {
    await pg?.end();
    await t?.close();
  });

  const createSale = (over: Record<string, unknown> = {}): Promise<FlashSaleView> =>
    createFlashSale(t, anchor, product.variants[0].id, over);

  const buy = (b: Buyer, saleId: string, quantity = 1): request.Test =>
    request(t.url)
      .post(`/api/flash-sales/${saleId}/orders`)
      .set(...auth(b))
      .set('Idempotency-Key', randomUUID())
      .send({ quantity, addressId: b.addressId, paymentMethod: 'sandbox' });

  const shelf = async (): Promise<number> =>
    Number(
      (
        await pg.query('SELECT sum(qty) AS n FROM variant_stock_slots WHERE variant_id = $1', [
          product.variants[0].id,
        ])
      ).rows[0].n,
    );

  it('500 buyers pressing twice for 100 units: exactly 100 orders, none over the limit, stock exactly 0', async () => {
    const sale = await createSale();
    expect(await shelf()).toBe(900);
    const buyers = await quickBuyers(t, pg, 500);
    events.length = 0;
    // each buyer presses buy twice at once (two keys): the per-buyer limit must hold too
    const results = await Promise.all(buyers.flatMap((b) => [buy(b, sale.id), buy(b, sale.id)]));
    const byStatus = new Map<number, number>();
    for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    expect(byStatus.get(201)).toBe(100);
    const refusals = new Set(
      results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.code}`),
    );
    expect(
      [...refusals].every((x) =>
        ['409 OUT_OF_STOCK', '409 PURCHASE_LIMIT_EXCEEDED', '409 FLASH_SALE_NOT_ACTIVE'].includes(x),
      ),
    ).toBe(true);
    expect((results.find((r) => r.status === 201)!.body as OrderView).totalMinor).toBe(990);

    const { rows } = await pg.query(
      `SELECT count(*)::int AS orders, count(DISTINCT buyer_id)::int AS buyers, coalesce(sum(i.quantity), 0)::int AS units
         FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.flash_sale_id = $1 AND o.status IN ('pending_payment', 'paid')`,
      [sale.id],
    );
    expect(rows[0]).toEqual({ orders: 100, buyers: 100, units: 100 });
    const slots = await pg.query(
      'SELECT min(qty)::int AS min, sum(qty)::int AS sum FROM flash_sale_stock_slots WHERE flash_sale_id = $1',
      [sale.id],
    );
    expect(slots.rows[0]).toEqual({ min: 0, sum: 0 });
    const over = await pg.query(
      'SELECT count(*)::int AS n FROM flash_sale_buyers WHERE flash_sale_id = $1 AND quantity > 1',
      [sale.id],
    );
    expect(over.rows[0].n).toBe(0);

    const stock = events.filter((e) => e.type === 'StockChanged' && e.flashSaleId === sale.id);
    expect(stock).toHaveLength(100);
    expect(stock.every((e) => e.type === 'StockChanged' && e.available >= 0 && e.available < 100)).toBe(true);
    // the sell-out is decided with the order that took the last unit, in its transaction: by the
    // time every answer is back it has been announced, once, right after that order's "0 left"
    const ended = events.filter((e) => e.type === 'FlashSaleEnded');
    expect(ended).toEqual([expect.objectContaining({ flashSaleId: sale.id, reason: 'sold_out' })]);
    const ofSale = events.filter((e) => 'flashSaleId' in e && e.flashSaleId === sale.id);
    const last = ofSale.findIndex((e) => e.type === 'StockChanged' && e.available === 0);
    expect(ofSale.slice(last, last + 2).map((e) => e.type)).toEqual(['StockChanged', 'FlashSaleEnded']);
    expect((await request(t.url).get(`/api/flash-sales/${sale.id}`)).body).toMatchObject({
      available: 0,
      endReason: 'sold_out',
    });
    expect(await shelf()).toBe(900);
  }, 110_000);

  it('the order that takes the last unit ends the sale, even with a cancellation racing it', async () => {
    const sale = await createSale({ quantity: 2 });
    const [a, b, c] = await quickBuyers(t, pg, 3);
    const first = await buy(a, sale.id);
    expect(first.status).toBe(201);
    events.length = 0;
    // a's cancellation puts its unit back into the sale only while the sale runs; b and c race it
    const [cancelled, ...rush] = await Promise.all([
      request(t.url)
        .post(`/api/orders/${(first.body as OrderView).id}/cancel`)
        .set(...auth(a))
        .send({}),
      buy(b, sale.id),
      buy(c, sale.id),
    ]);
    expect(cancelled.status).toBe(200);
    const placed = rush.filter((r) => r.status === 201).length;
    expect(placed).toBeGreaterThanOrEqual(1);
    // whichever order emptied the pool ended the sale with it; nothing was put back into an ended sale
    const row = await pg.query(
      `SELECT end_reason, (SELECT sum(qty)::int FROM flash_sale_stock_slots WHERE flash_sale_id = $1) AS left
         FROM flash_sales WHERE id = $1`,
      [sale.id],
    );
    expect(row.rows[0]).toEqual({ end_reason: 'sold_out', left: 0 });
    expect(events.filter((e) => e.type === 'FlashSaleEnded')).toEqual([
      expect.objectContaining({ flashSaleId: sale.id, reason: 'sold_out' }),
    ]);
  });

  it('refuses a sale that ends before it starts; a finished sale puts its leftovers back on the shelf', async () => {
    const bad = await request(t.url)
      .post('/api/flash-sales')
      .set(...auth(anchor))
      .send({
        variantId: product.variants[0].id,
        priceMinor: 990,
        quantity: 5,
        perBuyerLimit: 1,
        startsAt: new Date(Date.now() + 60_000).toISOString(),
        endsAt: new Date().toISOString(),
      });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const before = await shelf();
    const sale = await createSale({ quantity: 10, perBuyerLimit: 3 });
    const [b] = await quickBuyers(t, pg, 1);
    expect((await buy(b, sale.id, 3)).status).toBe(201);
    const overLimit = await buy(b, sale.id, 1);
    expect([overLimit.status, overLimit.body.code]).toEqual([409, 'PURCHASE_LIMIT_EXCEEDED']);
    expect(await shelf()).toBe(before - 10);
    await pg.query(
      `UPDATE flash_sales SET ends_at = now() - interval '1 second', starts_at = now() - interval '1 minute' WHERE id = $1`,
      [sale.id],
    );
    await t.app.get(OrderSweeper).sweep();
    expect(await shelf()).toBe(before - 3);
    const late = await buy(b, sale.id, 1);
    expect([late.status, late.body.code]).toEqual([409, 'FLASH_SALE_NOT_ACTIVE']);
    expect(events.filter((e) => e.type === 'FlashSaleEnded' && e.flashSaleId === sale.id)).toEqual([
      expect.objectContaining({ reason: 'time_up' }),
    ]);
  });
});
