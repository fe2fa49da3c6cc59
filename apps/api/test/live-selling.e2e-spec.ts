import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import type {
  Ack,
  AuthResponse,
  FollowView,
  LiveOrderSummary,
  LiveSalesStats,
  LiveSessionView,
  LiveStockChanged,
  NoticeList,
  NoticeView,
  OrderView,
  PinnedProductCard,
  ProductView,
  PurchaseTickerItem,
  RoomSnapshot,
  ShopView,
} from '@app/contracts';
import { TestApp } from '@app/testing';
import { addAddress, addProduct, auth, Buyer, openShop, quickBuyers, signUp } from './commerce-support';
import { liveRoomSockets } from './live-room-support';
import { startApi } from './support';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Selling from the stream: real api, real database, real live-room sockets. */
describe('selling from a live stream', () => {
  let t: TestApp;
  let pg: Client;
  let anchor: AuthResponse;
  let shop: ShopView;
  let noodles: ProductView;
  let session: LiveSessionView;
  const room = liveRoomSockets(() => t.url);
  const connect = room.connect;

  async function joined(token?: string): Promise<{ socket: Socket; snapshot: RoomSnapshot }> {
    const socket = await connect(token);
    const ack = (await socket
      .timeout(5000)
      .emitWithAck('joinRoom', { sessionId: session.id })) as Ack<RoomSnapshot>;
    if (!ack.ok) throw new Error(`joinRoom: ${ack.error.code}`);
    return { socket, snapshot: ack.data };
  }

  function next<T>(s: Socket, event: string, match: (e: T) => boolean = () => true, ms = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching ${event} within ${ms} ms`)), ms);
      const on = (e: T): void => {
        if (!match(e)) return;
        clearTimeout(timer);
        s.off(event, on);
        resolve(e);
      };
      s.on(event, on);
    });
  }

  function collect<T>(s: Socket, event: string): T[] {
    const seen: T[] = [];
    s.on(event, (e: T) => seen.push(e));
    return seen;
  }

  const buyShelf = (b: Buyer | AuthResponse, addressId: string, variantId: string, quantity: number) =>
    request(t.url)
      .post('/api/orders')
      .set(...auth(b))
      .set('Idempotency-Key', randomUUID())
      .send({ items: [{ variantId, quantity }], addressId, paymentMethod: 'cod' });

  async function newSession(body: Record<string, unknown>, start: boolean): Promise<LiveSessionView> {
    const created = await request(t.url)
      .post('/api/live-sessions')
      .set(...auth(anchor))
      .send({ kind: 'sale', title: '手工挂面专场', ...body })
      .expect(201);
    const s = created.body as LiveSessionView;
    if (start)
      await request(t.url)
        .post(`/api/live-sessions/${s.id}/start`)
        .set(...auth(anchor))
        .expect(200);
    return s;
  }

  beforeAll(async () => {
    t = await startApi();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    anchor = await signUp(t, { roles: ['anchor'], displayName: '王阿姨' });
    shop = await openShop(t, anchor);
    noodles = await addProduct(t, anchor, shop.id, [
      { label: '500g', priceMinor: 1990, stock: 500 },
      { label: '1kg', priceMinor: 3590, stock: 200 },
    ]);
    session = await newSession({}, true);
  });
  afterAll(async () => {
    room.closeAll();
    await pg?.end();
    await t?.close();
  });

  it('the host pins a product; the room gets the card and late joiners see it; others cannot pin', async () => {
    const { socket: viewer, snapshot: before } = await joined();
    expect(before).toMatchObject({ pinnedProduct: null, flashSale: null, isHost: false });
    const pinned = next<PinnedProductCard>(viewer, 'productPinned');
    const res = await request(t.url)
      .post(`/api/live-sessions/${session.id}/pinned-product`)
      .set(...auth(anchor))
      .send({ productId: noodles.id })
      .expect(200);
    const card = await pinned;
    expect(card).toEqual(res.body);
    expect(card).toMatchObject({
      sessionId: session.id,
      productId: noodles.id,
      title: '手工空心挂面',
      priceMinor: 1990,
      currency: 'CNY',
      stock: 700,
      thumbnailUrl: null,
      flashSale: null,
    });

    const { snapshot: late } = await joined();
    expect(late.pinnedProduct).toEqual(card);

    const stranger = await signUp(t, { roles: ['anchor'] });
    const theirShop = await openShop(t, stranger);
    const theirs = await addProduct(t, stranger, theirShop.id, [{ label: '1', priceMinor: 100, stock: 1 }]);
    const pinAs = (who: AuthResponse, productId: string) =>
      request(t.url)
        .post(`/api/live-sessions/${session.id}/pinned-product`)
        .set(...auth(who))
        .send({ productId });
    expect((await pinAs(stranger, theirs.id)).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await pinAs(anchor, theirs.id)).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await pinAs(anchor, randomUUID())).status).toBe(404);
    await request(t.url)
      .post(`/api/live-sessions/${session.id}/pinned-product`)
      .send({ productId: noodles.id })
      .expect(401);
  });

  it('a viewer buys from the stream: ticker without ids, the host sees the order, stock is coalesced', async () => {
    const { socket: viewer } = await joined();
    const { socket: host, snapshot } = await joined(anchor.tokens.accessToken);
    expect(snapshot.isHost).toBe(true);
    const stock = collect<LiveStockChanged>(viewer, 'stockChanged');
    const ticker = collect<PurchaseTickerItem>(viewer, 'purchaseTicker');
    const viewerOrders = collect<LiveOrderSummary>(viewer, 'orderReceived');

    const fan = await signUp(t, { roles: ['viewer'], displayName: '王小花' });
    const addressId = await addAddress(t, fan);
    const variant = noodles.variants[0];
    const received = next<LiveOrderSummary>(host, 'orderReceived');
    const tick = next<PurchaseTickerItem>(viewer, 'purchaseTicker');
    const order = (await buyShelf(fan, addressId, variant.id, 2).expect(201)).body as OrderView;

    expect(await received).toEqual({
      sessionId: session.id,
      orderId: order.id,
      buyerName: '王小花',
      quantity: 2,
      productTitle: '手工空心挂面',
      totalMinor: 3980,
      currency: 'CNY',
      flashSaleId: null,
      placedAt: order.createdAt,
    });
    const item = await tick;
    expect(item).toEqual({
      sessionId: session.id,
      buyer: '王**',
      quantity: 2,
      productTitle: '手工空心挂面',
      at: expect.any(String),
    });
    expect(JSON.stringify(item).replace(session.id, '')).not.toMatch(UUID);

    // a burst of 40 purchases: every one placed, far fewer stock messages, the last one right
    const buyers = await quickBuyers(t, pg, 40);
    const results = await Promise.all(buyers.map((b) => buyShelf(b, b.addressId, variant.id, 1)));
    expect(results.map((r) => r.status)).toEqual(buyers.map(() => 201));
    const last = 500 - 2 - 40;
    await next<LiveStockChanged>(
      viewer,
      'stockChanged',
      (e) => e.variantId === variant.id && e.available === last,
    ).catch(() => undefined);
    const forVariant = stock.filter((e) => e.variantId === variant.id && !e.flashSaleId);
    expect(forVariant.at(-1)).toEqual({
      sessionId: session.id,
      productId: noodles.id,
      variantId: variant.id,
      flashSaleId: null,
      available: last,
    });
    expect(forVariant.length).toBeLessThan(41 / 2);
    expect(ticker.length).toBeLessThan(41);
    expect(viewerOrders).toEqual([]); // orders go to the host's room only

    // before the media server's first report, every buyer still counts as a viewer
    const early = (
      await request(t.url)
        .get(`/api/live-sessions/${session.id}/sales-stats`)
        .set(...auth(anchor))
        .expect(200)
    ).body as LiveSalesStats;
    expect(early).toMatchObject({ buyers: 41, peakViewers: 0, conversion: 1 });

    await request(t.url)
      .post(`/api/internal/live-sessions/${session.id}/report`)
      .set('x-internal-secret', t.cfg.internalSecret)
      .send({ viewersNow: 80, peakViewers: 100, attendance: [] })
      .expect(204);
    const stats = (
      await request(t.url)
        .get(`/api/live-sessions/${session.id}/sales-stats`)
        .set(...auth(anchor))
        .expect(200)
    ).body as LiveSalesStats;
    expect(stats).toEqual({
      sessionId: session.id,
      orders: 41,
      units: 42,
      salesMinor: 42 * 1990,
      currency: 'CNY',
      buyers: 41,
      viewersNow: 80,
      peakViewers: 100,
      conversion: 0.41,
    });
    await request(t.url)
      .get(`/api/live-sessions/${session.id}/sales-stats`)
      .set(...auth(fan))
      .expect(403);
  });

  it('a flash sale from the stream sells out: the card shows it, then flashSaleEnded', async () => {
    const { socket: viewer } = await joined();
    const { socket: host } = await joined(anchor.tokens.accessToken);
    const variant = noodles.variants[1];
    const pinned = next<PinnedProductCard>(viewer, 'productPinned', (c) => c.flashSale !== null);
    const started = await request(t.url)
      .post(`/api/live-sessions/${session.id}/flash-sales`)
      .set(...auth(anchor))
      .send({ variantId: variant.id, priceMinor: 990, quantity: 5, perBuyerLimit: 1, durationSeconds: 300 })
      .expect(201);
    const card = await pinned;
    expect(card).toEqual(started.body);
    const sale = card.flashSale!;
    expect(sale).toMatchObject({
      variantId: variant.id,
      priceMinor: 990,
      quantity: 5,
      available: 5,
      perBuyerLimit: 1,
    });
    expect(new Date(sale.endsAt).getTime()).toBeGreaterThan(Date.now() + 290_000);
    expect((await joined()).snapshot.flashSale).toEqual(sale);

    const stock = collect<LiveStockChanged>(viewer, 'stockChanged');
    const hostOrders = collect<LiveOrderSummary>(host, 'orderReceived');
    const ended = next<{ flashSaleId: string; reason: string }>(viewer, 'flashSaleEnded', () => true, 8000);
    // Seven buyers at once for five units: whichever order takes the last unit ends the sale in its
    // own transaction, however the orders fall into batches and stock slots.
    const buyers = await quickBuyers(t, pg, 9);
    const orderFrom = (b: Buyer) =>
      request(t.url)
        .post(`/api/flash-sales/${sale.id}/orders`)
        .set(...auth(b))
        .set('Idempotency-Key', randomUUID())
        .send({ quantity: 1, addressId: b.addressId, paymentMethod: 'cod' });
    const rush = await Promise.all(buyers.slice(0, 7).map(orderFrom));
    expect(rush.filter((r) => r.status === 201)).toHaveLength(5);
    for (const r of rush.filter((x) => x.status !== 201))
      expect([r.status, ['OUT_OF_STOCK', 'FLASH_SALE_NOT_ACTIVE'].includes(r.body.code)]).toEqual([
        409,
        true,
      ]);
    expect(await ended).toEqual({
      sessionId: session.id,
      flashSaleId: sale.id,
      variantId: variant.id,
      reason: 'sold_out',
    });
    expect(stock.filter((e) => e.flashSaleId === sale.id).at(-1)?.available).toBe(0);
    await new Promise((r) => setTimeout(r, 600));
    expect(hostOrders.filter((o) => o.flashSaleId === sale.id)).toHaveLength(5);
    expect((await joined()).snapshot.flashSale).toBeNull();
    const late = await Promise.all(buyers.slice(7).map(orderFrom));
    expect(late.map((r) => r.body.code)).toEqual(['FLASH_SALE_NOT_ACTIVE', 'FLASH_SALE_NOT_ACTIVE']);
  });

  it('unpinning clears the card for everyone', async () => {
    const { socket: viewer } = await joined();
    const gone = next<{ sessionId: string }>(viewer, 'productUnpinned');
    await request(t.url)
      .delete(`/api/live-sessions/${session.id}/pinned-product`)
      .set(...auth(anchor))
      .expect(204);
    expect(await gone).toEqual({ sessionId: session.id });
    expect((await joined()).snapshot.pinnedProduct).toBeNull();
  });

  it('followers hear when the shop schedules a sale (with "remind me") and when it goes live', async () => {
    const keen = await signUp(t, { roles: ['viewer'], displayName: '李大姐' });
    const casual = await signUp(t, { roles: ['viewer'], displayName: '赵哥' });
    const followed = (
      await request(t.url)
        .post(`/api/shops/${shop.id}/follow`)
        .set(...auth(keen))
        .send({ remind: true })
        .expect(200)
    ).body as FollowView;
    expect(followed).toEqual({ shopId: shop.id, following: true, remind: true, followers: 1 });
    await request(t.url)
      .post(`/api/shops/${shop.id}/follow`)
      .set(...auth(casual))
      .send({})
      .expect(200);
    await request(t.url)
      .post(`/api/shops/${shop.id}/follow`)
      .set(...auth(anchor))
      .send({})
      .expect(400);

    const keenSocket = await connect(keen.tokens.accessToken);
    const casualSocket = await connect(casual.tokens.accessToken);
    const casualNotices = collect<NoticeView>(casualSocket, 'notice');
    const scheduledNotice = next<NoticeView>(keenSocket, 'notice');
    const later = await newSession(
      { title: '周末新面上市', scheduledStart: new Date(Date.now() + 86_400_000).toISOString() },
      false,
    );
    expect(await scheduledNotice).toMatchObject({
      kind: 'sale_scheduled',
      shop: { id: shop.id, name: shop.name },
      session: { id: later.id, title: '周末新面上市' },
      readAt: null,
    });
    const upcoming = (await request(t.url).get(`/api/shops/${shop.id}/live-sessions`).expect(200))
      .body as LiveSessionView[];
    expect(upcoming.map((s) => s.id)).toEqual(expect.arrayContaining([later.id, session.id]));

    const liveForKeen = next<NoticeView>(keenSocket, 'notice', (n) => n.kind === 'live_started');
    const liveForCasual = next<NoticeView>(casualSocket, 'notice', (n) => n.kind === 'live_started');
    await request(t.url)
      .post(`/api/live-sessions/${later.id}/start`)
      .set(...auth(anchor))
      .expect(200);
    expect((await liveForKeen).session.id).toBe(later.id);
    expect((await liveForCasual).session.id).toBe(later.id);
    expect(casualNotices.map((n) => n.kind)).toEqual(['live_started']);

    const list = (
      await request(t.url)
        .get('/api/notices')
        .set(...auth(keen))
        .expect(200)
    ).body as NoticeList;
    expect(list.unread).toBe(2);
    expect(list.items.map((n) => n.kind)).toEqual(['live_started', 'sale_scheduled']);
    await request(t.url)
      .post(`/api/notices/${list.items[0].id}/read`)
      .set(...auth(keen))
      .expect(204);
    await request(t.url)
      .post(`/api/notices/${list.items[0].id}/read`)
      .set(...auth(casual))
      .expect(404);
    expect(
      (
        (
          await request(t.url)
            .get('/api/notices')
            .set(...auth(keen))
        ).body as NoticeList
      ).unread,
    ).toBe(1);

    const unfollowed = (
      await request(t.url)
        .delete(`/api/shops/${shop.id}/follow`)
        .set(...auth(casual))
        .expect(200)
    ).body as FollowView;
    expect(unfollowed).toMatchObject({ following: false, followers: 1 });
  });
});
