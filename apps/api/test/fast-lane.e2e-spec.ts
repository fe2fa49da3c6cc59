import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { AuthResponse, FlashSaleView, ProductView } from '@app/contracts';
import { FlashSaleController } from '@app/commerce/flash-sale/flash-sale.controller';
import { OrderController } from '@app/commerce/order/order.controller';
import { TestApp } from '@app/testing';
import { auth, Buyer, createFlashSale, quickBuyers, startShop } from './commerce-support';

/** A spy on a route handler that keeps its decorators' metadata, so Nest still routes to it. */
function spyOnRoute<T extends object, K extends keyof T & string>(proto: T, name: K): jest.Mock {
  const original = proto[name] as object;
  const spy = jest.spyOn(proto, name as never) as unknown as jest.Mock;
  for (const key of Reflect.getMetadataKeys(original))
    Reflect.defineMetadata(key, Reflect.getMetadata(key, original), spy);
  return spy;
}

/**
 * The fast lane (apps/api/src/web/fast-lane.ts) answers order placement ahead of Express. Each
 * request here is sent twice, by two buyers in the same position: once as the web client sends it
 * (the lane may take it) and once with a query string, which the lane always leaves to Express and
 * Nest. Both answers must be the same, and spies on the Nest handlers show who answered.
 */
describe('the fast lane answers order placement exactly as the Nest routes do', () => {
  let t: TestApp;
  let pg: Client;
  let anchor: AuthResponse;
  let product: ProductView;
  let sale: FlashSaleView;
  // installed before the app starts: Nest takes the handlers when it builds its routes
  const nestPlace = spyOnRoute(OrderController.prototype, 'place');
  const nestFlashOrder = spyOnRoute(FlashSaleController.prototype, 'order');

  beforeAll(async () => {
    ({ t, pg, anchor, product } = await startShop(60));
    sale = await createFlashSale(t, anchor, product.variants[0].id, { quantity: 10 });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await pg?.end();
    await t?.close();
  });
  beforeEach(() => {
    nestPlace.mockClear();
    nestFlashOrder.mockClear();
  });

  type Send = (path: string, b: Buyer) => request.Test;
  const order = (b: Buyer, over: Record<string, unknown> = {}): Record<string, unknown> => ({
    items: [{ variantId: product.variants[0].id, quantity: 1 }],
    addressId: b.addressId,
    paymentMethod: 'sandbox',
    ...over,
  });
  const placeOrder =
    (over: Record<string, unknown> = {}): Send =>
    (path, b) =>
      request(t.url)
        .post(path)
        .set(...auth(b))
        .set('Idempotency-Key', randomUUID())
        .send(order(b, over));

  /** Ids and times differ between two orders; everything else must not. */
  const comparable = (body: unknown): unknown =>
    JSON.parse(
      JSON.stringify(body)
        .replace(/"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/g, '"<id>"')
        .replace(/"\d{4}-\d\d-\d\dT[^"]+"/g, '"<time>"'),
    );

  const nestCalls = (): number => nestPlace.mock.calls.length + nestFlashOrder.mock.calls.length;

  /**
   * Sends `send` through the lane's path and through Nest's, by two fresh buyers; both answers must
   * be the same. `handlers`: how many times each request reached a Nest handler.
   */
  async function both(
    path: string,
    send: Send,
  ): Promise<{ lane: request.Response; handlers: { lane: number; nest: number } }> {
    const [a, b] = await quickBuyers(t, pg, 2);
    const before = nestCalls();
    const lane = await send(path, a);
    const afterLane = nestCalls();
    const nest = await send(`${path}?via=nest`, b);
    expect(lane.status).toBe(nest.status);
    expect(lane.headers['content-type']).toBe(nest.headers['content-type']);
    expect(comparable(lane.body)).toEqual(comparable(nest.body));
    return { lane, handlers: { lane: afterLane - before, nest: nestCalls() - afterLane } };
  }

  it('places an order itself, with the Nest route’s answer', async () => {
    const { lane, handlers } = await both('/api/orders', placeOrder());
    expect(lane.status).toBe(201);
    expect(lane.body).toMatchObject({ status: 'pending_payment', totalMinor: 2990, currency: 'CNY' });
    expect(handlers).toEqual({ lane: 0, nest: 1 });
  });

  it('buys from a flash sale itself, and refuses the second buy over the limit in the same words', async () => {
    const [a, b] = await quickBuyers(t, pg, 2);
    const buy = (path: string, who: Buyer): request.Test =>
      request(t.url)
        .post(path)
        .set(...auth(who))
        .set('Idempotency-Key', randomUUID())
        .send({ quantity: 1, addressId: who.addressId, paymentMethod: 'sandbox' });
    const first = await buy(`/api/flash-sales/${sale.id}/orders`, a);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ totalMinor: 990 });
    expect(nestFlashOrder).not.toHaveBeenCalled();
    await buy(`/api/flash-sales/${sale.id}/orders?via=nest`, b);
    expect(nestFlashOrder).toHaveBeenCalledTimes(1);
    const again = await buy(`/api/flash-sales/${sale.id}/orders`, a);
    const againNest = await buy(`/api/flash-sales/${sale.id}/orders?via=nest`, b);
    expect(again.status).toBe(409);
    expect(again.body).toEqual(againNest.body);
    expect(nestFlashOrder).toHaveBeenCalledTimes(2); // the lane answered both of a's
  });

  it('keeps the Idempotency-Key across both paths: a retry gets the same order', async () => {
    const [a] = await quickBuyers(t, pg, 1);
    const key = randomUUID();
    const send = (path: string): request.Test =>
      request(t.url)
        .post(path)
        .set(...auth(a))
        .set('Idempotency-Key', key)
        .send(order(a));
    const first = await send('/api/orders');
    const retry = await send('/api/orders');
    const viaNest = await send('/api/orders?via=nest');
    expect([first.status, retry.status, viaNest.status]).toEqual([201, 201, 201]);
    expect(retry.body).toEqual(first.body);
    expect(viaNest.body).toEqual(first.body);
    const bad = await request(t.url)
      .post('/api/orders')
      .set(...auth(a))
      .set('Idempotency-Key', key)
      .send(order(a, { paymentMethod: 'cod' }));
    expect(bad.status).toBe(409);
    expect(bad.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers refusals from the order itself in the same words: unknown product, sold out', async () => {
    const unknown = await both(
      '/api/orders',
      placeOrder({ items: [{ variantId: randomUUID(), quantity: 1 }] }),
    );
    expect(unknown.lane.status).toBe(404);
    expect(unknown.lane.body.code).toBe('NOT_FOUND');
    expect(unknown.handlers).toEqual({ lane: 0, nest: 1 });
    const tooMany = await both(
      '/api/orders',
      placeOrder({ items: [{ variantId: product.variants[0].id, quantity: 99 }] }),
    );
    expect(tooMany.lane.status).toBe(409);
    expect(tooMany.lane.body.code).toBe('OUT_OF_STOCK');
    expect(tooMany.handlers).toEqual({ lane: 0, nest: 1 });
  });

  it('leaves to Nest what only Nest words, with the same answers', async () => {
    const cases: [string, Send, number, string][] = [
      ['no token', (p, b) => request(t.url).post(p).send(order(b)), 401, 'UNAUTHENTICATED'],
      [
        'a refused token',
        (p, b) => request(t.url).post(p).set('Authorization', 'Bearer not.a.token').send(order(b)),
        401,
        'AUTH_TOKEN_INVALID',
      ],
      [
        'a quantity class-validator refuses',
        placeOrder({ items: [{ variantId: product.variants[0].id, quantity: 0 }] }),
        400,
        'VALIDATION_FAILED',
      ],
      ['an unknown field', placeOrder({ couponMinor: 500 }), 400, 'VALIDATION_FAILED'],
      [
        'malformed JSON',
        (p, b) =>
          request(t.url)
            .post(p)
            .set(...auth(b))
            .set('Content-Type', 'application/json')
            .send('{"items": ['),
        400,
        'MALFORMED_JSON',
      ],
      [
        'a form body',
        (p, b) =>
          request(t.url)
            .post(p)
            .set(...auth(b))
            .type('form')
            .send({ addressId: b.addressId }),
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [name, send, status, code] of cases) {
      const { lane } = await both('/api/orders', send);
      expect([name, lane.status, lane.body.code]).toEqual([name, status, code]);
      if (code === 'VALIDATION_FAILED') expect(lane.body.details?.length).toBeGreaterThan(0);
    }
    // a sale id ParseUUIDPipe refuses: the lane never takes a path it does not match exactly
    const [a] = await quickBuyers(t, pg, 1);
    const res = await request(t.url)
      .post('/api/flash-sales/not-a-uuid/orders')
      .set(...auth(a))
      .set('Idempotency-Key', randomUUID())
      .send({ quantity: 1, addressId: a.addressId, paymentMethod: 'sandbox' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});
