import request from 'supertest';
import sharp from 'sharp';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { AuthResponse, OrderView, ProductSearchPage, ProductView, ShopView } from '@app/contracts';
import { OrderSweeper, signWebhook } from '@app/commerce';
import { TestApp } from '@app/testing';
import { addAddress, addProduct, auth, openShop, signUp } from './commerce-support';
import { startApi } from './support';

const WEBHOOK_SECRET = 'sandbox-webhook-secret-for-tests';

describe('commerce: shops, orders, payments, after-sale', () => {
  let t: TestApp;
  let pg: Client;
  let anchor: AuthResponse;
  let buyer: AuthResponse;
  let stranger: AuthResponse;
  let admin: AuthResponse;
  let shop: ShopView;
  let product: ProductView;
  let addressId: string;

  const count = async (table: string): Promise<number> =>
    Number((await pg.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  const available = async (variantId: string): Promise<number> =>
    Number(
      (
        await pg.query<{ n: string }>('SELECT sum(qty) AS n FROM variant_stock_slots WHERE variant_id = $1', [
          variantId,
        ])
      ).rows[0].n,
    );

  function order(who: AuthResponse, body: Record<string, unknown>, key: string = randomUUID()): request.Test {
    return request(t.url)
      .post('/api/orders')
      .set(...auth(who))
      .set('Idempotency-Key', key)
      .send(body);
  }
  const line = (quantity: number, v = 0): Record<string, unknown> => ({
    items: [{ variantId: product.variants[v].id, quantity }],
    addressId,
    paymentMethod: 'sandbox',
  });
  const post = (who: AuthResponse, path: string, body: Record<string, unknown> = {}): request.Test =>
    request(t.url)
      .post(path)
      .set(...auth(who))
      .send(body);

  beforeAll(async () => {
    t = await startApi({ S3_PUBLIC_URL: '/s3', PAYMENT_WEBHOOK_SECRETS: `sandbox=${WEBHOOK_SECRET}` });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    [anchor, buyer, stranger] = await Promise.all([
      signUp(t, { roles: ['anchor'], displayName: '面条王阿姨' }),
      signUp(t, { roles: ['viewer'] }),
      signUp(t, { roles: ['anchor'] }),
    ]);
    admin = await signUp(t, { roles: ['viewer'] });
    await pg.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'program_admin')`, [admin.user.id]);
    admin = (await request(t.url).post('/api/auth/refresh').send({ refreshToken: admin.tokens.refreshToken }))
      .body as AuthResponse;
    shop = await openShop(t, anchor);
    product = await addProduct(t, anchor, shop.id, [
      { label: '500g', priceMinor: 1990, stock: 10 },
      { label: '1kg', priceMinor: 3580, stock: 5 },
    ]);
    addressId = await addAddress(t, buyer);
  });
  afterAll(async () => {
    await pg?.end();
    await t?.close();
  });

  it('sells end to end: order with a key, sandbox pay, ship, confirm, review', async () => {
    const placed = await order(buyer, {
      ...line(2),
      items: [...(line(2).items as object[]), { variantId: product.variants[1].id, quantity: 1 }],
    });
    expect(placed.status).toBe(201);
    const o = placed.body as OrderView;
    expect(o).toMatchObject({
      status: 'pending_payment',
      totalMinor: 2 * 1990 + 3580,
      currency: 'CNY',
      shipTo: { recipient: '李四' },
    });
    expect(new Date(o.expiresAt!).getTime() - new Date(o.createdAt).getTime()).toBeCloseTo(900_000, -3);
    expect(await available(product.variants[0].id)).toBe(8);

    const paid = await post(buyer, `/api/orders/${o.id}/pay`);
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('paid');
    const shipped = await post(anchor, `/api/orders/${o.id}/ship`, {
      carrier: '顺丰速运',
      trackingNumber: 'SF1234567890',
    });
    expect(shipped.body).toMatchObject({
      status: 'shipped',
      shipment: { carrier: '顺丰速运', trackingNumber: 'SF1234567890' },
    });
    const mine = await request(t.url)
      .get('/api/orders')
      .set(...auth(buyer));
    expect((mine.body as OrderView[]).find((x) => x.id === o.id)?.shipment?.trackingNumber).toBe(
      'SF1234567890',
    );
    expect((await post(buyer, `/api/orders/${o.id}/confirm-delivery`)).body.status).toBe('delivered');
    const review = await post(buyer, `/api/orders/${o.id}/review`, { rating: 5, text: '面条很筋道' });
    expect(review.status).toBe(201);
    const again = await post(buyer, `/api/orders/${o.id}/review`, { rating: 1, text: '再评一次' });
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_REVIEWED']);
    expect((await post(buyer, `/api/orders/${o.id}/complete`)).body.status).toBe('completed');

    const history = await request(t.url)
      .get(`/api/orders/${o.id}/history`)
      .set(...auth(buyer));
    expect((history.body as { to: string }[]).map((h) => h.to)).toEqual([
      'pending_payment',
      'paid',
      'shipped',
      'delivered',
      'completed',
    ]);
    const page = await request(t.url).get(`/api/shops/${shop.id}`);
    expect(page.body.products[0].variants.map((v: { available: number }) => v.available)).toEqual([8, 4]);
  });

  it('one key gives one order, even for concurrent retries; a key reused with another body is refused', async () => {
    const key = randomUUID();
    const before = await count('orders');
    const results = await Promise.all(Array.from({ length: 8 }, () => order(buyer, line(1), key)));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(results.map((r) => (r.body as OrderView).id)).size).toBe(1);
    expect(await count('orders')).toBe(before + 1);
    const reused = await order(buyer, line(2), key);
    expect([reused.status, reused.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    // another buyer's identical key is their own
    const otherAddress = await addAddress(t, stranger);
    const theirs = await order(stranger, { ...line(1), addressId: otherAddress }, key);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(results[0].body.id);
  });

  it('expired unpaid orders are cancelled by the sweeper and give their stock back', async () => {
    const v = product.variants[1].id;
    const start = await available(v);
    const o = (await order(buyer, { ...line(1, 1) })).body as OrderView;
    expect(await available(v)).toBe(start - 1);
    await pg.query(`UPDATE orders SET expires_at = now() - interval '1 second' WHERE id = $1`, [o.id]);
    expect(await t.app.get(OrderSweeper).sweep()).toBe(1);
    expect(await available(v)).toBe(start);
    const after = await request(t.url)
      .get(`/api/orders/${o.id}`)
      .set(...auth(buyer));
    expect(after.body.status).toBe('cancelled');
    const late = await post(buyer, `/api/orders/${o.id}/pay`);
    expect([late.status, late.body.code]).toEqual([409, 'ORDER_STATE_INVALID']);
  });

  it('cancels and refunds with stock back; the refund can also be rejected', async () => {
    const v = product.variants[0].id;
    const start = await available(v);
    const a = (await order(buyer, line(1))).body as OrderView;
    expect((await post(buyer, `/api/orders/${a.id}/cancel`, { reason: '拍错了' })).body.status).toBe(
      'cancelled',
    );
    expect(await available(v)).toBe(start);

    const b = (await order(buyer, line(2))).body as OrderView;
    await post(buyer, `/api/orders/${b.id}/pay`);
    expect((await post(buyer, `/api/orders/${b.id}/cancel`)).body.code).toBe('ORDER_STATE_INVALID');
    expect(
      (await post(buyer, `/api/orders/${b.id}/refund-request`, { reason: '不想要了' })).body.status,
    ).toBe('refund_requested');
    expect((await post(buyer, `/api/orders/${b.id}/refund/approve`)).status).toBe(404);
    expect((await post(anchor, `/api/orders/${b.id}/refund/reject`)).body.status).toBe('paid');
    await post(buyer, `/api/orders/${b.id}/refund-request`);
    expect((await post(anchor, `/api/orders/${b.id}/refund/approve`)).body.status).toBe('refunded');
    expect(await available(v)).toBe(start);
  });

  it('cash on delivery starts confirmed and ships without payment; sandbox money stays in practice shops', async () => {
    const cod = (await order(buyer, { ...line(1), paymentMethod: 'cod' })).body as OrderView;
    expect(cod.status).toBe('confirmed');
    expect((await post(buyer, `/api/orders/${cod.id}/pay`)).body.code).toBe('ORDER_STATE_INVALID');
    expect(
      (await post(anchor, `/api/orders/${cod.id}/ship`, { carrier: 'EMS', trackingNumber: 'EMS0001' })).body
        .status,
    ).toBe('shipped');

    const live = await openShop(t, anchor, 'live');
    expect(live.status).toBe('pending_approval');
    const liveProduct = await addProduct(t, anchor, live.id, [{ label: '250g', priceMinor: 8800, stock: 3 }]);
    const closed = await order(buyer, {
      items: [{ variantId: liveProduct.variants[0].id, quantity: 1 }],
      addressId,
      paymentMethod: 'cod',
    });
    expect([closed.status, closed.body.code]).toEqual([409, 'SHOP_NOT_OPEN']);
    expect((await post(anchor, `/api/shops/${live.id}/approve`)).status).toBe(403);
    expect((await post(admin, `/api/shops/${live.id}/approve`)).body.status).toBe('open');
    const sandbox = await order(buyer, {
      items: [{ variantId: liveProduct.variants[0].id, quantity: 1 }],
      addressId,
      paymentMethod: 'sandbox',
    });
    expect([sandbox.status, sandbox.body.code]).toEqual([400, 'PAYMENT_METHOD_NOT_ALLOWED']);
  });

  it('takes signed webhooks only, and a replayed event changes nothing', async () => {
    const o = (await order(buyer, line(1))).body as OrderView;
    const event = JSON.stringify({
      eventId: `evt_${randomUUID()}`,
      type: 'payment.succeeded',
      orderId: o.id,
      amountMinor: o.totalMinor,
      currency: 'CNY',
    });
    const hook = (sig: string, body = event): request.Test =>
      request(t.url)
        .post('/api/payments/webhook/sandbox')
        .set('Content-Type', 'application/json')
        .set('X-Signature', sig)
        .send(body);
    const forged = await hook(signWebhook('not-the-real-secret-at-all', event));
    expect([forged.status, forged.body.code]).toEqual([401, 'PAYMENT_SIGNATURE_INVALID']);
    const tampered = await hook(signWebhook(WEBHOOK_SECRET, event), event.replace(String(o.totalMinor), '1'));
    expect(tampered.status).toBe(401);
    expect(
      (
        await request(t.url)
          .get(`/api/orders/${o.id}`)
          .set(...auth(buyer))
      ).body.status,
    ).toBe('pending_payment');

    const first = await hook(signWebhook(WEBHOOK_SECRET, event));
    expect(first.body.outcome).toBe('applied');
    const replay = await hook(signWebhook(WEBHOOK_SECRET, event));
    expect(replay.body.outcome).toBe('duplicate');
    const history = (await pg.query(`SELECT to_status FROM order_history WHERE order_id = $1`, [o.id])).rows;
    expect(history.map((h: { to_status: string }) => h.to_status)).toEqual(['pending_payment', 'paid']);
  });

  it('keeps everyone to their own shops and orders', async () => {
    const o = (await order(buyer, line(1))).body as OrderView;
    for (const path of [`/api/orders/${o.id}`, `/api/orders/${o.id}/history`]) {
      const res = await request(t.url)
        .get(path)
        .set(...auth(stranger));
      expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect((await post(stranger, `/api/orders/${o.id}/cancel`)).status).toBe(404);
    expect((await post(stranger, `/api/orders/${o.id}/pay`)).status).toBe(404);
    await post(buyer, `/api/orders/${o.id}/pay`);
    expect(
      (await post(stranger, `/api/orders/${o.id}/ship`, { carrier: 'EMS', trackingNumber: 'EMS0002' }))
        .status,
    ).toBe(404);
    expect(
      (await post(buyer, `/api/orders/${o.id}/ship`, { carrier: 'EMS', trackingNumber: 'EMS0002' })).status,
    ).toBe(404);
    const foreign = await post(stranger, `/api/shops/${shop.id}/products`, {
      title: 'x',
      variants: [{ label: 'a', priceMinor: 1, stock: 1 }],
    });
    expect([foreign.status, foreign.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(
      (
        await request(t.url)
          .get(`/api/shops/${shop.id}/orders`)
          .set(...auth(stranger))
      ).status,
    ).toBe(403);
    const viewerShop = await post(buyer, '/api/shops', {
      kind: 'practice',
      name: 'x',
      category: 'tea',
      region: 'y',
    });
    expect(viewerShop.status).toBe(403);
    const theirAddress = await order(stranger, line(1));
    expect([theirAddress.status, theirAddress.body.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses bad input with stable codes and writes nothing', async () => {
    const tables = [
      'orders',
      'order_items',
      'order_history',
      'products',
      'product_variants',
      'flash_sales',
      'flash_sale_stock_slots',
    ];
    const counts = async (): Promise<number[]> => {
      const out = [];
      for (const table of tables) out.push(await count(table));
      return out;
    };
    const before = await counts();
    const stockBefore = await available(product.variants[0].id);
    const cases: [request.Test, number, string][] = [
      [order(buyer, line(-1)), 400, 'VALIDATION_FAILED'],
      [order(buyer, line(0)), 400, 'VALIDATION_FAILED'],
      [order(buyer, line(1_000_000)), 400, 'VALIDATION_FAILED'],
      [order(buyer, line(1.5)), 400, 'VALIDATION_FAILED'],
      [
        order(buyer, {
          ...line(1),
          items: [{ variantId: product.variants[0].id, quantity: 1, priceMinor: 1 }],
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [order(buyer, { ...line(1), totalMinor: 1 }), 400, 'VALIDATION_FAILED'],
      [order(buyer, { ...line(1), items: [{ variantId: randomUUID(), quantity: 1 }] }), 404, 'NOT_FOUND'],
      [order(buyer, line(99)), 409, 'OUT_OF_STOCK'],
      [order(buyer, line(1), 'short'), 400, 'VALIDATION_FAILED'],
      [
        request(t.url)
          .post('/api/orders')
          .set(...auth(buyer))
          .send(line(1)),
        400,
        'VALIDATION_FAILED',
      ],
      [
        post(anchor, `/api/shops/${shop.id}/products`, {
          title: 'x',
          variants: [{ label: 'a', priceMinor: -5, stock: 1 }],
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        post(anchor, `/api/shops/${shop.id}/products`, {
          title: 'x',
          variants: [{ label: 'a', priceMinor: 5, stock: -1 }],
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        post(anchor, `/api/shops/${shop.id}/products`, {
          title: 'x',
          variants: [{ label: 'a', priceMinor: 5, stock: 1 }],
          photoUploadIds: [randomUUID()],
        }),
        404,
        'UPLOAD_NOT_FOUND',
      ],
      [
        flash({
          startsAt: new Date(Date.now() + 60_000).toISOString(),
          endsAt: new Date(Date.now() + 30_000).toISOString(),
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [flash({ quantity: 1000 }), 409, 'OUT_OF_STOCK'],
    ];
    for (const [req, status, code] of cases) {
      const res = await req;
      expect([res.status, res.body.code]).toEqual([status, code]);
    }
    expect(await counts()).toEqual(before);
    expect(await available(product.variants[0].id)).toBe(stockBefore);
  });

  function flash(over: Record<string, unknown>): request.Test {
    return post(anchor, '/api/flash-sales', {
      variantId: product.variants[0].id,
      priceMinor: 990,
      quantity: 2,
      perBuyerLimit: 1,
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 600_000).toISOString(),
      ...over,
    });
  }

  it('refuses product photos that are not images or too large, and keeps no product', async () => {
    const before = await count('products');
    const fake = Buffer.from('this is a text file pretending to be a jpeg');
    const created = await post(anchor, '/api/uploads', {
      purpose: 'product-photo',
      contentType: 'image/jpeg',
      size: fake.length,
      fileName: 'noodles.jpg',
    });
    await fetch(`${t.url}${created.body.url}`, { method: 'PUT', headers: created.body.headers, body: fake });
    const done = await post(anchor, `/api/uploads/${created.body.uploadId}/complete`);
    expect(done.body.code).toBe('UPLOAD_CONTENT_MISMATCH');
    const withFake = await post(anchor, `/api/shops/${shop.id}/products`, {
      title: '假图',
      variants: [{ label: 'a', priceMinor: 5, stock: 1 }],
      photoUploadIds: [created.body.uploadId],
    });
    expect([withFake.status, withFake.body.code]).toEqual([404, 'UPLOAD_NOT_FOUND']);
    const huge = await post(anchor, '/api/uploads', {
      purpose: 'product-photo',
      contentType: 'image/png',
      size: 50 * 1024 * 1024,
    });
    expect([huge.status, huge.body.code]).toEqual([413, 'UPLOAD_TOO_LARGE']);
    expect(await count('products')).toBe(before);
  });

  it('attaches a verified photo with a thumbnail next to it', async () => {
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c0392b' } })
      .png()
      .toBuffer();
    const created = await post(anchor, '/api/uploads', {
      purpose: 'product-photo',
      contentType: 'image/png',
      size: png.length,
    });
    await fetch(`${t.url}${created.body.url}`, { method: 'PUT', headers: created.body.headers, body: png });
    expect((await post(anchor, `/api/uploads/${created.body.uploadId}/complete`)).status).toBe(200);
    const p = await addProduct(t, anchor, shop.id, [{ label: '礼盒', priceMinor: 12800, stock: 2 }], {
      photoUploadIds: [created.body.uploadId],
      category: 'tea',
      title: '普洱古树茶',
    });
    expect(p.photos[0].thumbnailKey).toBe(`${p.photos[0].objectKey}.thumb.webp`);
    const found = await request(t.url).get('/api/products').query({ category: 'tea', q: '古树' });
    expect((found.body as ProductSearchPage).items.map((x) => x.id)).toEqual([p.id]);
  });
});
