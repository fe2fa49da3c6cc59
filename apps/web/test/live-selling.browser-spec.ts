import request from 'supertest';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AuthResponse, LiveSessionView, ProductView, ShopView } from '@app/contracts';
import { collectPageErrors, screenshot, type TestApp } from '@app/testing';
import { addAddress, addProduct, auth, openShop, uploadProductPhoto } from '../../api/test/commerce-support';
import { signUp } from '../../api/test/support';
import { startLiveStack, type LiveStack } from './live-stack';
import { openPhone } from './phone';

// The real api on a fresh database serving the real web build, and the real media server behind
// its /media-io proxy; the anchor and two viewers in their own browser profiles at a phone's size.
// The anchor goes live from the studio (/live/studio/:id), the viewers watch on the watch page
// (/live/:id): the selling panels are the ones those pages mount (commerce/live/register-live-panels).
// RTC ports: apart from the live browser test's (19460) and the 20000–31999 other media tests use
const RTC_PORT_BASE = '19360';

/** Frames the page's host video has decoded so far (0 when there is none yet). */
function hostFrames(page: Page): Promise<number> {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video[data-stage="host"]');
    return video?.srcObject ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
  });
}

describe('selling from a live stream in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let stack: LiveStack | undefined;
  const contexts: BrowserContext[] = [];
  let anchor: AuthResponse;
  let shop: ShopView;
  let product: ProductView;
  let session: LiveSessionView;

  async function photoUpload(who: AuthResponse): Promise<string> {
    const png = await sharp({ create: { width: 480, height: 480, channels: 3, background: '#e9c46a' } })
      .composite([
        {
          input: Buffer.from(
            '<svg width="480" height="480"><circle cx="240" cy="240" r="150" fill="#f4a261"/><rect x="90" y="200" width="300" height="24" fill="#fff8e7"/><rect x="90" y="250" width="300" height="24" fill="#fff8e7"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer();
    return uploadProductPhoto(t, who, png, 'noodles.png');
  }

  /** A phone, signed in or not, and the uncaught errors on it. */
  async function phone(
    who: AuthResponse | null,
    locale: 'zh-CN' | 'en',
  ): Promise<{ page: Page; errors: string[] }> {
    const page = await openPhone(browser, contexts, who, locale);
    return { page, errors: collectPageErrors(page) };
  }

  beforeAll(async () => {
    stack = await startLiveStack(RTC_PORT_BASE, { S3_PUBLIC_URL: '/s3' });
    ({ t, browser } = stack);
    anchor = await signUp(t, { roles: ['anchor'], displayName: '王阿姨' });
    shop = await openShop(t, anchor);
    const photo = await photoUpload(anchor);
    product = await addProduct(
      t,
      anchor,
      shop.id,
      [
        { label: '500g', priceMinor: 1990, stock: 100 },
        { label: '1kg', priceMinor: 3590, stock: 50 },
      ],
      { photoUploadIds: [photo], description: '手工晾晒，不加添加剂' },
    );
    await addProduct(t, anchor, shop.id, [{ label: '250g', priceMinor: 3800, stock: 30 }], {
      title: '高山绿茶',
    });
    session = (
      await request(t.url)
        .post('/api/live-sessions')
        .set(...auth(anchor))
        .send({ kind: 'sale', title: '手工挂面专场' })
        .expect(201)
    ).body as LiveSessionView;
  }, 60_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await stack?.close();
  });

  it('an anchor goes live and pins a product, two viewers buy from the stream, the anchor sees both orders appear live', async () => {
    const buyers = [
      { who: await signUp(t, { roles: ['viewer'], displayName: '李小梅' }), locale: 'zh-CN' as const },
      { who: await signUp(t, { roles: ['viewer'], displayName: 'Zhao Lei' }), locale: 'en' as const },
    ];
    for (const b of buyers) await addAddress(t, b.who);

    // the anchor opens her stream in the studio and goes live; the selling console is beside it
    const host = await phone(anchor, 'zh-CN');
    await host.page.goto(`${t.url}/live/studio/${session.id}`);
    await host.page.getByRole('heading', { name: '手工挂面专场' }).waitFor();
    await host.page.getByText('还没有订单').waitFor();
    await host.page.getByRole('button', { name: '开始直播' }).click();
    await host.page.getByText('直播中，观众能看到您').first().waitFor();

    // the viewers watch the stream on the watch page, the product card under the video
    const viewers = await Promise.all(buyers.map((b) => phone(b.who, b.locale)));
    // the api's live room (chat, likes, selling) travels on one socket per page, whatever the panels
    const roomSockets = viewers.map((v) => {
      const urls: string[] = [];
      v.page.on('websocket', (ws) => {
        if (new URL(ws.url()).pathname.startsWith('/socket.io/')) urls.push(ws.url());
      });
      return urls;
    });
    for (const v of viewers) {
      await v.page.goto(`${t.url}/live/${session.id}`);
      await v.page.getByRole('heading', { name: '手工挂面专场' }).waitFor();
    }
    for (const v of viewers) {
      const deadline = Date.now() + 10_000;
      while ((await hostFrames(v.page)) === 0) {
        if (Date.now() > deadline) throw new Error('no host video on the watch page');
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    await host.page.getByRole('button', { name: `讲解 ${product.title}` }).click();
    for (const [i, v] of viewers.entries()) {
      const card = v.page.getByRole('region', { name: i === 0 ? '正在讲解的商品' : 'Featured product' });
      await card.getByText(product.title).waitFor();
    }
    await viewers[0].page.getByText('剩 150 件').waitFor();
    await viewers[1].page.getByText('150 left').waitFor();
    await screenshot(viewers[0].page, 'live-selling-watch-card-zh');
    await screenshot(viewers[1].page, 'live-selling-watch-card-en');

    // viewer 1 (Chinese): one tap with the saved address
    const zh = viewers[0].page;
    await zh.getByRole('button', { name: '马上抢' }).click();
    const zhSheet = zh.getByRole('dialog');
    await zhSheet.getByText('浙江省 杭州市').waitFor();
    await screenshot(zh, 'live-selling-buy-sheet-zh');
    await zhSheet.getByRole('button', { name: /一键下单/ }).click();
    await zhSheet.getByText('下单成功').waitFor();

    // viewer 2 (English): the larger size, two bags
    const en = viewers[1].page;
    await en.getByRole('button', { name: 'Buy now' }).click();
    const enSheet = en.getByRole('dialog');
    await enSheet.getByRole('radio', { name: '1kg' }).click();
    await enSheet.getByRole('button', { name: '+' }).click();
    await enSheet.getByText('Zhejiang', { exact: false }).or(enSheet.getByText('浙江省')).first().waitFor();
    await screenshot(en, 'live-selling-buy-sheet-en');
    await enSheet.getByRole('button', { name: /Buy now ·/ }).click();
    await enSheet.getByText('Order placed').waitFor();

    // the anchor sees both orders arrive without reloading, with the stream's totals
    // (the studio lists the same people as viewers too: the orders are looked for in their panel)
    const orders = host.page.getByRole('region', { name: '直播订单' }).getByRole('list');
    await orders.getByText('李小梅').waitFor();
    await orders.getByText('Zhao Lei').waitFor();
    await host.page.getByText('¥91.70').first().waitFor();
    await screenshot(host.page, 'live-selling-studio-zh');

    // everyone watching sees the stock fall and the anonymous ticker
    await zh.getByText('剩 147 件').waitFor();
    await zh.getByText(/Z\*\* 刚买了 2 件/).waitFor();
    expect(await zh.locator('body').innerText()).not.toContain('Zhao Lei');

    expect(roomSockets.map((urls) => urls.length)).toEqual([1, 1]);
    for (const p of [host, ...viewers]) expect(p.errors).toEqual([]);
  }, 90_000);

  it('the shop page shows the product grid, the live sale and the follow button, in both languages', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const fan = await signUp(t, { roles: ['viewer'] });
      const { page, errors } = await phone(fan, locale);
      await page.goto(`${t.url}/shops/${shop.id}`);
      await page.getByRole('heading', { level: 1, name: shop.name }).waitFor();
      await page.getByRole('link', { name: /手工空心挂面/ }).waitFor();
      const follow = page.getByRole('button', { name: locale === 'en' ? 'Follow' : '关注', exact: true });
      await follow.click();
      await page.getByRole('button', { name: locale === 'en' ? 'Following' : '已关注' }).waitFor();
      await screenshot(page, `live-selling-shop-${locale}`);
      expect(errors).toEqual([]);
    }
  }, 60_000);
});
