import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import sharp from 'sharp';
import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AuthResponse, ProductView, ShopView } from '@app/contracts';
import { collectPageErrors, launchBrowser, screenshot, type TestApp } from '@app/testing';
import { addProduct, auth, openShop, uploadProductPhoto } from '../../api/test/commerce-support';
import { signUp, startApi } from '../../api/test/support';
import { openPhone } from './phone';

// The real api on a fresh database serving the real web build, in headless Chromium at a phone's
// size. A buyer finds a product on /market by category and words and opens it; the program office
// approves one waiting live shop and rejects another with a reason; each owner sees the outcome.
const WEB_DIST = resolve(__dirname, '../../../dist/web');
const REASON = '营业执照照片看不清，请重新上传后再申请。';

/** Phone first: nothing on the page is wider than the phone's screen. */
async function expectNoSideScroll(page: Page): Promise<void> {
  const { scroll, screen } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    screen: window.innerWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(screen);
}

/** Polls `read` until its value equals `expected` (a page updates after the event that causes it). */
async function eventually<T>(read: () => Promise<T>, expected: T, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  expect(last).toEqual(expected);
}

/** The image is loaded and decoded (a broken or pending one has no natural width). */
const decoded = (img: HTMLImageElement): boolean => img.complete && img.naturalWidth > 0;

describe('the market and shop approvals in the browser', () => {
  let t: TestApp;
  let pg: Client;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[][] = [];
  let tea: ProductView;
  let noodleAnchor: AuthResponse;
  let teaAnchor: AuthResponse;
  let officer: AuthResponse;
  let noodleShop: ShopView;
  let teaShop: ShopView;

  async function photoUpload(who: AuthResponse): Promise<string> {
    const png = await sharp({ create: { width: 480, height: 480, channels: 3, background: '#2a9d8f' } })
      .png()
      .toBuffer();
    return uploadProductPhoto(t, who, png, 'tea.png');
  }

  /** A phone, signed in or not; an uncaught error on it fails the test. */
  async function phone(who: AuthResponse | null, locale: 'zh-CN' | 'en'): Promise<Page> {
    const page = await openPhone(browser, contexts, who, locale);
    pageErrors.push(collectPageErrors(page));
    return page;
  }

  const tileTitles = (page: Page) => page.locator('.product-grid .product-tile-title').allTextContents();

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html')))
      throw new Error(`No web build at ${WEB_DIST}. Run \`npm run build:web\` first.`);
    t = await startApi({ WEB_DIST_DIR: WEB_DIST, S3_PUBLIC_URL: '/s3' });
    pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    browser = await launchBrowser();

    // an open practice shop sells tea (with a photo) and noodles
    const seller = await signUp(t, { roles: ['trainee'], displayName: '李叔' });
    const shop = (
      await request(t.url)
        .post('/api/shops')
        .set(...auth(seller))
        .send({ kind: 'practice', name: '李叔的茶园', category: 'tea', region: '云南 普洱' })
        .expect(201)
    ).body as ShopView;
    tea = await addProduct(t, seller, shop.id, [{ label: '礼盒', priceMinor: 12800, stock: 5 }], {
      title: '普洱古树茶',
      category: 'tea',
      photoUploadIds: [await photoUpload(seller)],
    });
    await addProduct(t, seller, shop.id, [{ label: '250g', priceMinor: 3800, stock: 5 }], {
      title: '高山绿茶',
      category: 'tea',
    });
    await addProduct(t, seller, shop.id, [{ label: '500g', priceMinor: 1990, stock: 5 }], {
      title: '手工空心挂面',
      category: 'noodles',
    });

    // two anchors' live shops wait for the program office
    noodleAnchor = await signUp(t, { roles: ['anchor'], displayName: '面条王阿姨' });
    teaAnchor = await signUp(t, { roles: ['anchor'], displayName: '茶农赵姐' });
    noodleShop = await openShop(t, noodleAnchor, 'live');
    // the tea anchor applies through the my-shop page (the test below)
    // a role a sign-up cannot take: granted, then the tokens refreshed to carry it
    const who = await signUp(t, { roles: ['viewer'], displayName: '项目办小张' });
    await pg.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, 'program_admin')`, [who.user.id]);
    officer = (await request(t.url).post('/api/auth/refresh').send({ refreshToken: who.tokens.refreshToken }))
      .body as AuthResponse;
  }, 60_000);

  // every page of every test so far: an uncaught error fails the test it happened in
  afterEach(() => expect(pageErrors.flat()).toEqual([]));

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await pg?.end();
    await t?.close();
  });

  it('a buyer finds a product by category and words on /market and opens it', async () => {
    const page = await phone(null, 'zh-CN');
    await page.goto(`${t.url}/`);
    await page.getByRole('link', { name: /好货市集/ }).click();
    await page.getByRole('heading', { level: 1, name: '好货市集' }).waitFor();
    await page.getByText('手工空心挂面').waitFor();
    expect(await tileTitles(page)).toEqual(['手工空心挂面', '高山绿茶', '普洱古树茶']);

    await page.getByRole('button', { name: '茶叶' }).click();
    await page.waitForURL(/category=tea/);
    await eventually(() => tileTitles(page), ['高山绿茶', '普洱古树茶']);
    expect(await page.getByRole('button', { name: '茶叶' }).getAttribute('aria-pressed')).toBe('true');

    await page.getByRole('searchbox', { name: '搜索商品' }).fill('古树');
    await page.waitForURL(/q=/);
    await eventually(() => tileTitles(page), ['普洱古树茶']);
    const tile = page.getByRole('link', { name: /普洱古树茶/ });
    expect(await tile.textContent()).toContain('¥128.00');
    expect(await tile.textContent()).toContain('李叔的茶园');
    // the thumbnail, really decoded
    await eventually(() => tile.locator('img').evaluate(decoded), true);
    await expectNoSideScroll(page);
    await screenshot(page, 'market-search');

    // words that match nothing, even SQL-looking ones, say so
    await page.getByRole('searchbox', { name: '搜索商品' }).fill("' OR 1=1 --");
    await page.getByText("没有找到“' OR 1=1 --”相关的商品，换个词试试。").waitFor();
    await page.getByRole('searchbox', { name: '搜索商品' }).fill('古树');
    await eventually(() => tileTitles(page), ['普洱古树茶']);

    await page.getByRole('link', { name: /普洱古树茶/ }).click();
    await page.waitForURL(`**/shops/${tea.shopId}/products/${tea.id}`);
    await page.getByRole('heading', { level: 1, name: '普洱古树茶' }).waitFor();
    const photo = page.locator('.photo-strip img').first();
    await eventually(() => photo.evaluate(decoded), true);
    await page.getByText('¥128.00').first().waitFor();
  });

  it('an anchor applies for a real shop on the my-shop page', async () => {
    const page = await phone(teaAnchor, 'zh-CN');
    await page.goto(`${t.url}/my-shop`);
    await page.getByRole('heading', { level: 1, name: '开一家小店' }).waitFor();
    // an anchor chooses the kind; a real shop is the first offer
    await page.getByRole('radio', { name: /正式店/ }).check();
    await page.getByRole('textbox', { name: '店名' }).fill('赵姐的红茶');
    await page.getByRole('textbox', { name: '产地' }).fill('福建 武夷山');
    await page.getByLabel('卖什么').selectOption({ label: '茶叶' });
    await page.getByRole('button', { name: '开一家小店' }).click();
    await page.getByRole('heading', { level: 1, name: '赵姐的红茶' }).waitFor();
    await page.getByText('等待审核').waitFor();
    // and may still open a practice shop beside it
    await page.getByRole('button', { name: '也开一家练习店' }).waitFor();
    const rows = await pg.query<ShopView & { owner_id: string }>(
      `SELECT id, kind, status, owner_id FROM shops WHERE owner_id = $1`,
      [teaAnchor.user.id],
    );
    expect(rows.rows).toEqual([
      expect.objectContaining({ kind: 'live', status: 'pending_approval', owner_id: teaAnchor.user.id }),
    ]);
    teaShop = rows.rows[0];
  });

  it('the program office approves one waiting shop and rejects another with a reason, in English', async () => {
    const page = await phone(officer, 'en');
    await page.goto(`${t.url}/program`);
    await page.getByRole('link', { name: 'Review live shops' }).click();
    await page.getByRole('heading', { level: 1, name: 'Live shop approvals' }).waitFor();
    const items = page.locator('.approval-item');
    await eventually(() => items.locator('h2').allTextContents(), ['阿姨手工挂面', '赵姐的红茶']);
    const noodles = items.filter({ hasText: '阿姨手工挂面' });
    const teaItem = items.filter({ hasText: '赵姐的红茶' });
    expect(await noodles.textContent()).toContain('Owner: 面条王阿姨');
    expect(await noodles.textContent()).toContain('Noodles · 甘肃 定西');
    expect(await noodles.textContent()).toMatch(/Mobile 139\*{4}\d{4}/);
    await expectNoSideScroll(page);
    await screenshot(page, 'shop-approvals-en');

    await noodles.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').filter({ hasText: '“阿姨手工挂面” is approved and now open.' }).waitFor();

    await teaItem.getByRole('button', { name: 'Reject' }).click();
    // a blank reason is refused with the api's own field error, and nothing changes
    await teaItem.getByLabel('Reason (the owner will see it)').fill('   ');
    await teaItem.getByRole('button', { name: 'Confirm rejection' }).click();
    await teaItem.getByRole('alert').waitFor();
    expect(
      (await pg.query<{ status: string }>('SELECT status FROM shops WHERE id = $1', [teaShop.id])).rows[0],
    ).toEqual({ status: 'pending_approval' });
    await teaItem.getByLabel('Reason (the owner will see it)').fill(REASON);
    await teaItem.getByRole('button', { name: 'Confirm rejection' }).click();
    await page.getByText('“赵姐的红茶” was rejected; the owner will see why.').waitFor();
    await page.getByText('No shops are waiting for approval.').waitFor();

    const rows = await pg.query<{ id: string; status: string; rejection_reason: string | null }>(
      'SELECT id, status, rejection_reason FROM shops WHERE id = ANY($1) ORDER BY created_at',
      [[noodleShop.id, teaShop.id]],
    );
    expect(rows.rows).toEqual([
      { id: noodleShop.id, status: 'open', rejection_reason: null },
      { id: teaShop.id, status: 'rejected', rejection_reason: REASON },
    ]);
  });

  it('each owner sees the outcome on their shop page', async () => {
    const approved = await phone(noodleAnchor, 'zh-CN');
    await approved.goto(`${t.url}/my-shop`);
    await approved.getByRole('heading', { level: 1, name: '阿姨手工挂面' }).waitFor();
    await approved.getByText('已开张').waitFor();
    expect(await approved.getByText('等待审核').count()).toBe(0);
    // nothing sold yet: the sales picture says so instead of drawing empty bars
    await approved.getByText('近 14 天还没有已付款的订单。第一单来了，这里就会长出柱子。').waitFor();

    const rejected = await phone(teaAnchor, 'en');
    await rejected.goto(`${t.url}/my-shop`);
    await rejected.getByRole('heading', { level: 1, name: '赵姐的红茶' }).waitFor();
    const state = rejected.getByRole('status').filter({ hasText: 'Not approved' });
    await state.getByText(`Reason: ${REASON}`).waitFor();
    // nothing more to list in a shop that will not open
    expect(await rejected.getByText('List a new product').count()).toBe(0);
    await expectNoSideScroll(rejected);
    await screenshot(rejected, 'my-shop-rejected-en');
    // a shop that will not open has no sales picture
    expect(await rejected.locator('.sales-chart').count()).toBe(0);
  });

  it('an anchor sees sales per day as bars with order counts, 14 or 30 days, in both languages', async () => {
    // paid orders written straight in, so they fall on chosen days: today, 2 and 20 days ago (China
    // time, where the phones are); one refunded and one unpaid order do not count
    const DAY = 86_400_000;
    const chinaMidnight = Math.floor((Date.now() + 8 * 3_600_000) / DAY) * DAY - 8 * 3_600_000;
    const orders: Array<[string, number, number | null]> = [
      ['paid', 1990, Date.now() - 60_000],
      ['completed', 3580, chinaMidnight - 2 * DAY + 3_600_000],
      ['shipped', 2000, chinaMidnight - 2 * DAY + 5 * 3_600_000],
      ['paid', 1200, chinaMidnight - 20 * DAY + 3_600_000],
      ['refunded', 9900, Date.now() - 60_000],
      ['pending_payment', 9800, null],
    ];
    for (const [status, total, paidAt] of orders) {
      await pg.query(
        `INSERT INTO orders (id, buyer_id, shop_id, status, payment_method, total_minor, currency, ship_to,
                             idempotency_key, request_hash, paid_at)
         VALUES (gen_random_uuid(), $1, $2, $3, 'sandbox', $4, 'CNY', '{}'::jsonb, gen_random_uuid()::text, 'x', $5)`,
        [officer.user.id, noodleShop.id, status, total, paidAt === null ? null : new Date(paidAt)],
      );
    }
    const bars = (page: Page) =>
      page
        .locator('.sales-chart svg[role="img"] g[data-bar]')
        .evaluateAll((gs) =>
          gs.map((g) => ({ day: g.getAttribute('data-bar'), value: Number(g.getAttribute('data-value')) })),
        );
    const chinaDay = (ms: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', dateStyle: 'short' }).format(ms);

    const zh = await phone(noodleAnchor, 'zh-CN');
    await zh.goto(`${t.url}/my-shop`);
    await zh.getByRole('heading', { level: 2, name: '每日销售额' }).waitFor();
    const chart = zh.getByRole('img', { name: /^近 14 天每天销售额的柱状图：共 3 单，¥75\.70/ });
    await chart.waitFor();
    const fortnight = await bars(zh);
    expect(fortnight).toHaveLength(14);
    expect(fortnight[13]).toEqual({ day: chinaDay(Date.now()), value: 1990 });
    expect(fortnight[11]).toEqual({ day: chinaDay(chinaMidnight - 2 * DAY), value: 5580 });
    expect(fortnight.filter((b) => b.value === 0)).toHaveLength(12);
    await zh.getByText('近 14 天共 3 单，销售额 ¥75.70').waitFor();
    // the order count stands on its bar; the axis names the days
    expect(await zh.locator('.sales-chart .chart-note').allTextContents()).toEqual(['2', '1']);
    expect(await zh.locator('.sales-chart .chart-axis-label').count()).toBeGreaterThanOrEqual(5);
    await expectNoSideScroll(zh);
    await screenshot(zh, 'my-shop-sales-zh-CN');

    await zh.getByRole('button', { name: '近 30 天' }).click();
    await zh.getByRole('img', { name: /^近 30 天每天销售额的柱状图：共 4 单，¥87\.70/ }).waitFor();
    expect(await bars(zh)).toHaveLength(30);
    expect(await zh.getByRole('button', { name: '近 30 天' }).getAttribute('aria-pressed')).toBe('true');

    const en = await phone(noodleAnchor, 'en');
    await en.goto(`${t.url}/my-shop`);
    await en.getByRole('heading', { level: 2, name: 'Sales per day' }).waitFor();
    await en
      .getByRole('img', { name: /^Bar chart of sales per day over the last 14 days: 3 orders, CN¥75\.70/ })
      .waitFor();
    expect(await bars(en)).toHaveLength(14);
    await en.getByText('Last 14 days: 3 orders, CN¥75.70 in sales').waitFor();
    // the same numbers as a table for screen readers
    expect(await en.locator('.sales-chart table tbody tr').count()).toBe(14);
    await expectNoSideScroll(en);
    await screenshot(en, 'my-shop-sales-en');
  });

  it('an approved anchor lists a product with a photo from the my-shop page; buyers find it with its picture', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aa-photo-'));
    const file = join(dir, 'noodles.jpg');
    writeFileSync(
      file,
      await sharp({ create: { width: 640, height: 480, channels: 3, background: '#e9c46a' } })
        .jpeg()
        .toBuffer(),
    );
    const page = await phone(noodleAnchor, 'zh-CN');
    await page.goto(`${t.url}/my-shop`);
    const form = page.getByRole('region', { name: '上架新商品' });
    await form.getByRole('textbox', { name: '商品名称' }).fill('手工空心挂面 礼盒装');
    // the picker's button speaks the page's language; the file goes straight to storage
    await form.getByText('选择照片').waitFor();
    await form.getByLabel(/商品照片/).setInputFiles(file);
    await form.getByText('商品照片（已传 1 张）').waitFor();
    await form.getByRole('textbox', { name: '规格' }).fill('1kg');
    await form.getByRole('textbox', { name: '价格（元）' }).fill('39.9');
    await form.getByRole('textbox', { name: '库存' }).fill('30');
    await form.getByRole('button', { name: '上架' }).click();
    await form.getByText('已上架。').waitFor();
    await expectNoSideScroll(page);
    await screenshot(page, 'my-shop-product-listed-zh-CN');

    const buyer = await phone(null, 'zh-CN');
    await buyer.goto(`${t.url}/market?q=${encodeURIComponent('礼盒装')}`);
    const tile = buyer.getByRole('link', { name: /手工空心挂面 礼盒装/ });
    await tile.waitFor();
    expect(await tile.textContent()).toContain('¥39.90');
    await eventually(() => tile.locator('img').evaluate(decoded), true);
    rmSync(dir, { recursive: true, force: true });
  });
});
