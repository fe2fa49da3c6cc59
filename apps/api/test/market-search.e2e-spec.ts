import request from 'supertest';
import { Client } from 'pg';
import type { ErrorBody, ProductSearchPage, ShopView } from '@app/contracts';
import { TestApp } from '@app/testing';
import { addProduct, auth, openShop } from './commerce-support';
import { signUp, startApi } from './support';

describe('the market: search open shops’ products by category and text, page by page', () => {
  let t: TestApp;
  let pg: Client;
  let noodles: ShopView;
  let tea: ShopView;
  let waiting: ShopView;
  /** product ids, newest first, of the noodle shop's 7 listings */
  const noodleIds: string[] = [];
  let teaId: string;
  let trickyId: string;

  const search = (query: Record<string, string | number>) => request(t.url).get('/api/products').query(query);
  const ids = (res: request.Response) => (res.body as ProductSearchPage).items.map((p) => p.id);

  beforeAll(async () => {
    t = await startApi();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    const [noodleAnchor, teaAnchor, newAnchor] = await Promise.all([
      signUp(t, { roles: ['anchor'] }),
      signUp(t, { roles: ['trainee'] }),
      signUp(t, { roles: ['anchor'] }),
    ]);
    noodles = await openShop(t, noodleAnchor);
    tea = (
      await request(t.url)
        .post('/api/shops')
        .set(...auth(teaAnchor))
        .send({ kind: 'practice', name: '李叔的古树茶', category: 'tea', region: '云南 普洱' })
        .expect(201)
    ).body as ShopView;
    waiting = await openShop(t, newAnchor, 'live');
    for (let i = 1; i <= 7; i += 1) {
      const p = await addProduct(
        t,
        noodleAnchor,
        noodles.id,
        [{ label: '500g', priceMinor: 1000 + i, stock: 5 }],
        {
          title: `手工挂面 ${i} 号`,
        },
      );
      noodleIds.unshift(p.id);
    }
    teaId = (
      await addProduct(t, teaAnchor, tea.id, [{ label: '礼盒', priceMinor: 12800, stock: 2 }], {
        title: '普洱古树茶',
        description: '百年古树，手工炒制',
      })
    ).id;
    trickyId = (
      await addProduct(t, teaAnchor, tea.id, [{ label: '100g', priceMinor: 3000, stock: 1 }], {
        title: `50%_off' OR 1=1; -- <b>红茶</b>`,
      })
    ).id;
    // the shop waiting for approval lists a product too: the market must not show it
    await addProduct(t, newAnchor, waiting.id, [{ label: '1kg', priceMinor: 2000, stock: 3 }], {
      title: '手工挂面 待审核',
    });
  });
  afterAll(async () => {
    await pg?.end();
    await t?.close();
  });

  it('shows open shops’ products newest first, with the shop’s name, and no account needed', async () => {
    const res = await search({}).expect(200);
    const page = res.body as ProductSearchPage;
    expect(page.items.map((p) => p.id)).toEqual([trickyId, teaId, ...noodleIds]);
    expect(page.nextCursor).toBeNull();
    expect(page.items[1]).toMatchObject({
      title: '普洱古树茶',
      category: 'tea',
      shopId: tea.id,
      shop: { id: tea.id, ownerId: tea.ownerId, name: '李叔的古树茶', region: '云南 普洱' },
      variants: [{ label: '礼盒', priceMinor: 12800, currency: 'CNY', available: 2 }],
    });
  });

  it('filters by category and by words in the title or description', async () => {
    expect(ids(await search({ category: 'tea' }).expect(200))).toEqual([trickyId, teaId]);
    expect(ids(await search({ category: 'noodles' }).expect(200))).toEqual(noodleIds);
    expect(ids(await search({ category: 'handicraft' }).expect(200))).toEqual([]);
    expect(ids(await search({ q: '古树' }).expect(200))).toEqual([teaId]);
    expect(ids(await search({ q: '手工' }).expect(200))).toEqual([teaId, ...noodleIds]); // description
    expect(ids(await search({ q: '手工', category: 'tea' }).expect(200))).toEqual([teaId]);
    expect(ids(await search({ q: '  古树  ' }).expect(200))).toEqual([teaId]);
    expect(ids(await search({ q: '3 号' }).expect(200))).toEqual([noodleIds[4]]);
  });

  it('treats SQL- and HTML-looking text as text: LIKE wildcards and quotes match only themselves', async () => {
    for (const q of ['%', '_', '50%_off', "' OR 1=1; --", '<b>红茶</b>']) {
      expect([q, ids(await search({ q }).expect(200))]).toEqual([q, [trickyId]]);
    }
    expect(ids(await search({ q: "x' OR '1'='1" }).expect(200))).toEqual([]);
    expect(ids(await search({ q: '\\' }).expect(200))).toEqual([]);
    const page = (await search({ q: '<b>' }).expect(200)).body as ProductSearchPage;
    expect(page.items[0].title).toBe(`50%_off' OR 1=1; -- <b>红茶</b>`);
    // the table is still there
    expect(Number((await pg.query<{ n: string }>('SELECT count(*) AS n FROM products')).rows[0].n)).toBe(10);
  });

  it('pages with a cursor: no repeats, no gaps, the last page says so', async () => {
    const first = (await search({ category: 'noodles', limit: 3 }).expect(200)).body as ProductSearchPage;
    expect(first.items.map((p) => p.id)).toEqual(noodleIds.slice(0, 3));
    expect(first.nextCursor).toBe(noodleIds[2]);
    const second = (await search({ category: 'noodles', limit: 3, cursor: first.nextCursor! }).expect(200))
      .body as ProductSearchPage;
    expect(second.items.map((p) => p.id)).toEqual(noodleIds.slice(3, 6));
    const third = (await search({ category: 'noodles', limit: 3, cursor: second.nextCursor! }).expect(200))
      .body as ProductSearchPage;
    expect(third).toMatchObject({ nextCursor: null });
    expect(third.items.map((p) => p.id)).toEqual(noodleIds.slice(6));
    // exactly a page's worth left: the page before the end is not told there is more
    const exact = (await search({ category: 'noodles', limit: 7 }).expect(200)).body as ProductSearchPage;
    expect([exact.items.length, exact.nextCursor]).toEqual([7, null]);
    expect((await search({ limit: 50 }).expect(200)).body).toMatchObject({ nextCursor: null });
  });

  it('refuses bad paging and filters with VALIDATION_FAILED naming the field', async () => {
    const bad: [Record<string, string | number>, string][] = [
      [{ limit: 0 }, 'limit'],
      [{ limit: 51 }, 'limit'],
      [{ limit: 2.5 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ cursor: 'not-a-uuid' }, 'cursor'],
      [{ cursor: '00000000-0000-4000-8000-000000000000' }, 'cursor'],
      [{ category: 'electronics' }, 'category'],
      [{ q: '' }, 'q'],
      [{ q: '面'.repeat(61) }, 'q'],
      [{ offset: 10 }, 'offset'],
    ];
    for (const [query, field] of bad) {
      const res = await search(query);
      expect([query, res.status]).toEqual([query, 400]);
      const error = res.body as ErrorBody;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details?.[0].field).toBe(field);
    }
  });
});
