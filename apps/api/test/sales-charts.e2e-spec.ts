import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type {
  AuthResponse,
  DashboardView,
  ErrorBody,
  OrderStatus,
  ShopSalesDaily,
  ShopView,
} from '@app/contracts';
import { TestApp } from '@app/testing';
import { auth, localDate, openShop, quickBuyers, signUp } from './commerce-support';
import { bearer, person, setupProgram, type Person } from './learning-support';
import { startApi } from './support';

// The two sales pictures: an anchor's takings per day in their own time zone, and the program
// office's monthly sales of its trainees' live shops per cohort. Orders are written straight into
// the table so their `paid_at` can sit on either side of a midnight; the expected sums are worked
// out here from the seeded rows with Intl, not with the api's own day cutting.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** what a seller counts: paid and not called off (the order state machine's paid-or-later states) */
const COUNTED: readonly OrderStatus[] = ['paid', 'shipped', 'delivered', 'completed'];

interface Seeded {
  shopId: string;
  status: OrderStatus;
  totalMinor: number;
  paidAt: Date | null;
}

/** Per local date of the last `days`, the counted orders of `shopId` and their sum. */
function expectedDays(
  orders: readonly Seeded[],
  shopId: string,
  days: number,
  tz: string,
  now: Date,
): Array<{ date: string; orders: number; salesMinor: number }> {
  // China and UTC keep no summer time, so stepping back whole days from now lands on each date
  const dates = Array.from({ length: days }, (_, i) =>
    localDate(new Date(now.getTime() - (days - 1 - i) * DAY), tz),
  );
  return dates.map((date) => {
    const hits = orders.filter(
      (o) =>
        o.shopId === shopId && COUNTED.includes(o.status) && o.paidAt && localDate(o.paidAt, tz) === date,
    );
    return { date, orders: hits.length, salesMinor: hits.reduce((n, o) => n + o.totalMinor, 0) };
  });
}

describe('sales charts: daily takings of a shop, monthly sales on the program dashboard', () => {
  let t: TestApp;
  let pg: Client;
  let anchor: AuthResponse;
  let otherAnchor: AuthResponse;
  let admin: AuthResponse;
  let shop: ShopView;
  let otherShop: ShopView;
  let buyerId: string;
  const seeded: Seeded[] = [];
  /** Shanghai midnight two days ago (China keeps UTC+8 all year) */
  let base: number;

  async function insertOrder(o: Seeded, paymentMethod: 'sandbox' | 'cod' = 'sandbox'): Promise<void> {
    await pg.query(
      `INSERT INTO orders (id, buyer_id, shop_id, status, payment_method, total_minor, currency, ship_to,
                           idempotency_key, request_hash, paid_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'CNY', '{}'::jsonb, $7, 'x', $8)`,
      [randomUUID(), buyerId, o.shopId, o.status, paymentMethod, o.totalMinor, randomUUID(), o.paidAt],
    );
    seeded.push(o);
  }

  const daily = (who: AuthResponse | null, shopId: string, query: string): request.Test => {
    const req = request(t.url).get(`/api/shops/${shopId}/sales-daily${query}`);
    return who ? req.set(...auth(who)) : req;
  };

  const counts = async (): Promise<Record<string, number>> => {
    const { rows } = await pg.query<{ orders: number; history: number; shops: number }>(
      `SELECT (SELECT count(*)::int FROM orders) AS orders, (SELECT count(*)::int FROM order_history) AS history,
              (SELECT count(*)::int FROM shops) AS shops`,
    );
    return rows[0];
  };

  beforeAll(async () => {
    t = await startApi();
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    [anchor, otherAnchor] = await Promise.all([
      signUp(t, { roles: ['anchor'], displayName: '面条王阿姨' }),
      signUp(t, { roles: ['anchor'], displayName: '茶农赵姐' }),
    ]);
    const who = await signUp(t, { roles: ['viewer'], displayName: '平台管理员' });
    await pg.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'admin')`, [who.user.id]);
    admin = (await request(t.url).post('/api/auth/refresh').send({ refreshToken: who.tokens.refreshToken }))
      .body as AuthResponse;
    shop = await openShop(t, anchor);
    otherShop = await openShop(t, otherAnchor);
    buyerId = (await quickBuyers(t, pg, 1))[0].id;

    const now = Date.now();
    base = Math.floor((now + 8 * HOUR) / DAY) * DAY - 8 * HOUR - 2 * DAY;
    const at = (ms: number) => new Date(base + ms);
    // two days ago 01:00 in Shanghai is the day before in UTC (17:00)
    await insertOrder({ shopId: shop.id, status: 'paid', totalMinor: 1990, paidAt: at(1 * HOUR) });
    await insertOrder({ shopId: shop.id, status: 'shipped', totalMinor: 3580, paidAt: at(9 * HOUR) });
    // exactly midnight in Shanghai belongs to the day it starts
    await insertOrder({ shopId: shop.id, status: 'delivered', totalMinor: 5000, paidAt: at(DAY) });
    await insertOrder({
      shopId: shop.id,
      status: 'completed',
      totalMinor: 1200,
      paidAt: at(DAY + 12 * HOUR),
    });
    await insertOrder({ shopId: shop.id, status: 'paid', totalMinor: 999, paidAt: new Date(now - 60_000) });
    // outside 14 days, inside 30
    await insertOrder({ shopId: shop.id, status: 'paid', totalMinor: 800, paidAt: at(-20 * DAY) });
    // not takings: the money is going back, never came, or the order was called off
    await insertOrder({
      shopId: shop.id,
      status: 'refund_requested',
      totalMinor: 7000,
      paidAt: at(13 * HOUR),
    });
    await insertOrder({ shopId: shop.id, status: 'refunded', totalMinor: 7100, paidAt: at(14 * HOUR) });
    await insertOrder({ shopId: shop.id, status: 'cancelled', totalMinor: 7200, paidAt: null });
    await insertOrder({ shopId: shop.id, status: 'pending_payment', totalMinor: 7300, paidAt: null });
    await insertOrder({ shopId: shop.id, status: 'confirmed', totalMinor: 7400, paidAt: null }, 'cod');
    // another shop's sale
    await insertOrder({ shopId: otherShop.id, status: 'paid', totalMinor: 6600, paidAt: at(2 * HOUR) });
  });
  afterAll(async () => {
    await pg?.end();
    await t?.close();
  });

  describe('GET /api/shops/:id/sales-daily', () => {
    it('sums the paid-or-later orders per day in Shanghai by default, zeros included, today last', async () => {
      const now = new Date();
      const res = await daily(anchor, shop.id, '').expect(200);
      const body = res.body as ShopSalesDaily;
      const days = expectedDays(seeded, shop.id, 14, 'Asia/Shanghai', now);
      expect(body).toEqual({
        shopId: shop.id,
        currency: 'CNY',
        timeZone: 'Asia/Shanghai',
        days,
        total: {
          orders: days.reduce((n, d) => n + d.orders, 0),
          salesMinor: days.reduce((n, d) => n + d.salesMinor, 0),
        },
      });
      // the worked example, by hand: two days ago 1990 + 3580, yesterday 5000 + 1200, today 999
      const shanghai = (ms: number) => localDate(new Date(base + ms), 'Asia/Shanghai');
      const byDate = Object.fromEntries(body.days.map((d) => [d.date, d]));
      expect(byDate[shanghai(0)]).toEqual({ date: shanghai(0), orders: 2, salesMinor: 5570 });
      expect(byDate[shanghai(DAY)]).toEqual({ date: shanghai(DAY), orders: 2, salesMinor: 6200 });
      expect(body.total).toEqual({ orders: 5, salesMinor: 5570 + 6200 + 999 });
      expect(body.days.filter((d) => d.orders === 0)).toHaveLength(11);
    });

    it('cuts the days at UTC midnight for a viewer in UTC, and reaches back 30 days', async () => {
      const now = new Date();
      const utc = (await daily(anchor, shop.id, '?days=30&tz=UTC').expect(200)).body as ShopSalesDaily;
      expect(utc.timeZone).toBe('UTC');
      expect(utc.days).toEqual(expectedDays(seeded, shop.id, 30, 'UTC', now));
      // Shanghai's midnight is 16:00 UTC the day before: the 01:00 sale stays on that UTC day alone,
      // the next Shanghai midnight's sale joins the 09:00 one
      const utcDate = (ms: number) => localDate(new Date(base + ms), 'UTC');
      const byDate = Object.fromEntries(utc.days.map((d) => [d.date, d]));
      expect(byDate[utcDate(0)]).toEqual({ date: utcDate(0), orders: 1, salesMinor: 1990 });
      expect(byDate[utcDate(9 * HOUR)]).toEqual({
        date: utcDate(9 * HOUR),
        orders: 2,
        salesMinor: 3580 + 5000,
      });
      expect(utc.total).toEqual({ orders: 6, salesMinor: 1990 + 3580 + 5000 + 1200 + 999 + 800 });

      const oneDay = (await daily(anchor, shop.id, '?days=1&tz=America/New_York').expect(200))
        .body as ShopSalesDaily;
      expect(oneDay.days).toEqual(expectedDays(seeded, shop.id, 1, 'America/New_York', now));
    });

    it('is the owner’s (and an admin’s) only: another anchor 403, signed out 401, unknown shop 404', async () => {
      const mine = (await daily(anchor, shop.id, '?days=7').expect(200)).body as ShopSalesDaily;
      const asAdmin = (await daily(admin, shop.id, '?days=7').expect(200)).body as ShopSalesDaily;
      expect(asAdmin).toEqual(mine);
      expect(((await daily(otherAnchor, shop.id, '').expect(403)).body as ErrorBody).code).toBe('FORBIDDEN');
      expect(((await daily(null, shop.id, '').expect(401)).body as ErrorBody).code).toBe('UNAUTHENTICATED');
      expect(((await daily(anchor, randomUUID(), '').expect(404)).body as ErrorBody).code).toBe('NOT_FOUND');
      // the other anchor sees their own shop, without this one's sales
      const theirs = (await daily(otherAnchor, otherShop.id, '?days=3').expect(200)).body as ShopSalesDaily;
      expect(theirs.total).toEqual({ orders: 1, salesMinor: 6600 });
    });

    it.each([
      ['?days=0', 'days'],
      ['?days=91', 'days'],
      ['?days=abc', 'days'],
      ['?days=1.5', 'days'],
      ['?days=', 'days'],
      ['?tz=Mars/Olympus', 'tz'],
      ['?tz=%2B08:00', 'tz'],
      ['?tz=Asia/Shanghai%27%3B%20DROP%20TABLE%20orders', 'tz'],
      ['?tz=', 'tz'],
      ['?tz=UTC&tz=Asia/Shanghai', 'tz'],
      ['?days=7&from=2026-01-01', 'from'],
    ])('refuses %s with VALIDATION_FAILED on %s and writes nothing', async (query, field) => {
      const before = await counts();
      const res = await daily(anchor, shop.id, query).expect(400);
      const body = res.body as ErrorBody;
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details?.map((d) => d.field)).toContain(field);
      expect(await counts()).toEqual(before);
    });
  });

  describe('GET /api/programs/:id/dashboard: sales by month and cohort', () => {
    let office: Person;
    let programId: string;
    let cohortIds: Record<string, string>;
    const monthOf = (at: Date) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
      }).format(at);

    /** An anchor enrolled in `cohort` whose live shop the office opened. */
    async function trainee(cohort: string): Promise<{ shopId: string }> {
      const p = await person(t, pg, ['anchor']);
      await request(t.url)
        .post(`/api/programs/${programId}/enrollments`)
        .set(...bearer(office))
        .send({ name: '学员', mobile: p.phone, category: 'returning_migrant', cohortId: cohortIds[cohort] })
        .expect(201);
      const s = await openShop(t, { tokens: { accessToken: p.token } } as AuthResponse, 'live');
      await request(t.url)
        .post(`/api/shops/${s.id}/approve`)
        .set(...bearer(office))
        .expect(200);
      return { shopId: s.id };
    }

    beforeAll(async () => {
      office = await person(t, pg, ['program_admin'], '项目办小张');
      const setup = await setupProgram(t, office, { cohorts: ['2026春季一班', '2026春季二班'] });
      programId = setup.program.id;
      cohortIds = setup.cohortIds;
    });

    it('gives six months in China time, oldest first, each split by cohort, zeros where nothing sold', async () => {
      const empty = (
        await request(t.url)
          .get(`/api/programs/${programId}/dashboard`)
          .set(...bearer(office))
          .expect(200)
      ).body as DashboardView;
      expect(empty.salesTimeZone).toBe('Asia/Shanghai');
      expect(empty.salesByMonth).toHaveLength(6);
      // no trainees yet: no cohort rows, and every month is there at zero
      expect(empty.salesByMonth.map((m) => [m.orders, m.salesMinor, m.byCohort])).toEqual(
        new Array(6).fill([0, 0, []]),
      );

      const one = await trainee('2026春季一班');
      const two = await trainee('2026春季二班');
      const now = Date.now();
      // the first instant of this month in Shanghai: its paid sale belongs to this month there,
      // to last month in UTC
      const [y, m] = monthOf(new Date(now)).split('-').map(Number);
      const monthStart = new Date(Date.UTC(y, m - 1, 1) - 8 * HOUR);
      const program: Seeded[] = [
        { shopId: one.shopId, status: 'paid', totalMinor: 2000, paidAt: monthStart },
        {
          shopId: one.shopId,
          status: 'completed',
          totalMinor: 3000,
          paidAt: new Date(monthStart.getTime() - HOUR),
        },
        { shopId: two.shopId, status: 'shipped', totalMinor: 4500, paidAt: new Date(now - 60_000) },
        { shopId: two.shopId, status: 'refunded', totalMinor: 9900, paidAt: new Date(now - 60_000) },
        { shopId: two.shopId, status: 'paid', totalMinor: 700, paidAt: new Date(now - 400 * DAY) },
      ];
      for (const o of program) await insertOrder(o);

      const dash = (
        await request(t.url)
          .get(`/api/programs/${programId}/dashboard`)
          .set(...bearer(office))
          .expect(200)
      ).body as DashboardView;
      const months = Array.from({ length: 6 }, (_, i) => {
        const d = new Date(Date.UTC(y, m - 1 - (5 - i), 1));
        return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
      });
      const cohortOrder = dash.byCohort.map((c) => c.cohortId);
      const shopCohort = new Map([
        [one.shopId, cohortIds['2026春季一班']],
        [two.shopId, cohortIds['2026春季二班']],
      ]);
      const expected = months.map((month) => {
        const hits = program.filter(
          (o) => COUNTED.includes(o.status) && o.paidAt && monthOf(o.paidAt) === month,
        );
        const sum = (list: Seeded[]) => list.reduce((n, o) => n + o.totalMinor, 0);
        return {
          month,
          orders: hits.length,
          salesMinor: sum(hits),
          byCohort: cohortOrder.map((cohortId) => {
            const mine = hits.filter((o) => shopCohort.get(o.shopId) === cohortId);
            return { cohortId, orders: mine.length, salesMinor: sum(mine) };
          }),
        };
      });
      expect(dash.salesByMonth).toEqual(expected);
      // by hand: this month 2000 (cohort one) + 4500 (cohort two), last month 3000 (cohort one)
      expect(dash.salesByMonth[5].salesMinor).toBe(6500);
      expect(dash.salesByMonth[4].salesMinor).toBe(3000);
      // the monthly chart and the figures agree on what counts (the figures add up all time)
      expect(dash.total.salesMinor).toBe(2000 + 3000 + 4500 + 700);
    });

    it('is the program office’s only', async () => {
      const res = await request(t.url)
        .get(`/api/programs/${programId}/dashboard`)
        .set(...auth(anchor))
        .expect(403);
      expect((res.body as ErrorBody).code).toBe('FORBIDDEN');
    });
  });
});
