import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectPageErrors, launchBrowser, newContext, screenshot, type TestApp } from '@app/testing';
import { startApi, uniquePhone } from '../../api/test/support';

// The real api (real database, real argon2, rotating refresh tokens) serving the real web build,
// driven through headless Chromium at a phone's size. Nothing is mocked.
const WEB_DIST = resolve(__dirname, '../../../dist/web');
const PASSWORD = 'apples-are-sweet-2026';

function requireWebBuild(): void {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(
      `No web build at ${WEB_DIST}/index.html. Run \`npm run build:web\` before the browser tests.`,
    );
  }
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Waits for the page's language to become `lang` (React sets it after a switch). */
const htmlLang = (page: Page, lang: string) =>
  page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });

async function alertText(page: Page): Promise<string> {
  const alert = page.getByRole('alert');
  await alert.waitFor();
  return alert.innerText();
}

async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  // fail fast: everything here answers in well under a second
  page.setDefaultTimeout(10_000);
  return page;
}

async function visibleText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

async function storedTokens(page: Page): Promise<{ accessToken: string; refreshToken: string } | null> {
  return page.evaluate(
    () =>
      JSON.parse(localStorage.getItem('aa.auth') ?? 'null') as {
        accessToken: string;
        refreshToken: string;
      } | null,
  );
}

describe('accounts in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    requireWebBuild();
    t = await startApi({ WEB_DIST_DIR: WEB_DIST });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('in Chinese, the default: signs up by phone, signs out, and signs in again', async () => {
    context = await newContext(browser, { locale: 'zh-CN' });
    const page = await openPage(context);
    const pageErrors = collectPageErrors(page);
    const phone = uniquePhone();

    await page.goto(t.url);
    await htmlLang(page, 'zh-CN');
    await heading(page, '在家也能学会直播带货').waitFor();
    await page.getByRole('link', { name: '免费注册' }).click();
    await heading(page, '注册账户').waitFor();
    expect(page.url()).toBe(`${t.url}/sign-up`);
    await screenshot(page, 'sign-up-zh-CN');

    // checked before anything is sent, with the message next to the field it concerns
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.locator('input[name="phone"][aria-invalid="true"]').waitFor();
    expect(await visibleText(page)).toContain('请填写这一项。');
    const phoneBox = page.getByRole('textbox', { name: '手机号' });
    // focus moved to the first field with a problem
    expect(await phoneBox.evaluate((el) => el === document.activeElement)).toBe(true);

    await phoneBox.fill(phone);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('textbox', { name: '怎么称呼您' }).fill('王秀英');
    await page.getByRole('radio', { name: /主播/ }).check();
    await page.getByRole('button', { name: '注册', exact: true }).click();

    await heading(page, '欢迎，王秀英').waitFor();
    expect(page.url()).toBe(`${t.url}/`);
    const home = await visibleText(page);
    expect(home).toContain('准备好下一场直播了吗？');
    for (const card of ['课程学习', '直播间', '我的小店']) expect(home).toContain(card);
    expect(home).not.toContain('项目办公室');
    expectOnlyChinese(home);
    await screenshot(page, 'home-zh-CN');

    await page.getByRole('button', { name: '账户菜单' }).click();
    await page.getByRole('link', { name: '我的账户' }).click();
    await heading(page, '我的账户').waitFor();
    const account = await visibleText(page);
    expect(account).toContain(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
    expect(account).toContain('主播');
    expect(account).toMatch(/注册时间\s+\d{4}年\d{1,2}月\d{1,2}日/);
    expectOnlyChinese(account);

    await page.getByRole('button', { name: '退出登录' }).click();
    await heading(page, '登录').waitFor();
    expect(await storedTokens(page)).toBeNull();

    await page.getByRole('textbox', { name: '手机号或邮箱' }).fill(phone);
    await page.getByLabel('密码', { exact: true }).fill('not-my-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    expect(await alertText(page)).toBe('账号或密码不对，请再试一次。');

    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await heading(page, '欢迎，王秀英').waitFor();

    // the session and the language survive a reload
    await page.reload();
    await heading(page, '欢迎，王秀英').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('in English after switching: signs up by e-mail, signs out from the menu, and signs in again', async () => {
    context = await newContext(browser, { locale: 'zh-CN' });
    const page = await openPage(context);
    const pageErrors = collectPageErrors(page);
    const email = `li.na.${Date.now()}@example.com`;
    const takenPhone = uniquePhone();
    const taken = await fetch(`${t.url}/api/auth/sign-up`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identifier: takenPhone, password: PASSWORD, displayName: 'someone' }),
    });
    expect(taken.status).toBe(201);

    await page.goto(t.url);
    await page.getByRole('button', { name: 'English' }).click();
    await htmlLang(page, 'en');
    await heading(page, 'Learn to sell on live streams, from home').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('aa.locale'))).toBe('en');
    expect(await page.title()).toBe('Anchor Academy · Learn live-stream selling from home');

    await page.getByRole('link', { name: 'Sign up free' }).click();
    await heading(page, 'Create your account').waitFor();
    await screenshot(page, 'sign-up-en');

    // an api error code, shown in the page's language
    await page.getByRole('textbox', { name: 'Mobile number' }).fill(takenPhone);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('textbox', { name: 'Your name' }).fill('Li Na');
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    expect(await alertText(page)).toBe('This mobile number or e-mail is already registered. Please sign in.');

    await page.getByRole('radio', { name: 'E-mail' }).check();
    await page.getByRole('textbox', { name: 'E-mail address' }).fill(email);
    await page.getByRole('radio', { name: /Trainee/ }).check();
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();

    await heading(page, 'Welcome, Li Na').waitFor();
    const home = await visibleText(page);
    expect(home).toContain('Ready for today’s lesson?');
    expect(home).toContain('Courses');
    expect(home).toContain('My shop');
    expectNoChinese(home);

    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('link', { name: 'My account' }).click();
    await heading(page, 'My account').waitFor();
    const account = await visibleText(page);
    expect(account).toContain(email);
    expect(account).toMatch(/Roles\s+Trainee/);
    expectNoChinese(account);
    await screenshot(page, 'account-en');

    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'Sign in').waitFor();
    expect(await storedTokens(page)).toBeNull();

    await page.getByRole('textbox', { name: 'Mobile number or e-mail' }).fill(email.toUpperCase());
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'Welcome, Li Na').waitFor();
    expectNoChinese(await visibleText(page));

    // switching back re-renders in Chinese without a reload
    await page.getByRole('button', { name: '中文' }).click();
    await heading(page, '欢迎，Li Na').waitFor();
    await htmlLang(page, 'zh-CN');
    expect(pageErrors).toEqual([]);
  });
});

describe('an expired access token in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    requireWebBuild();
    t = await startApi({ WEB_DIST_DIR: WEB_DIST, ACCESS_TOKEN_TTL: '10' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is renewed once for two tabs opening at the same moment, and both stay signed in', async () => {
    const context = await newContext(browser);
    try {
      const first = await openPage(context);
      await first.goto(`${t.url}/sign-up`);
      await first.getByRole('textbox', { name: '手机号' }).fill(uniquePhone());
      await first.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await first.getByRole('textbox', { name: '怎么称呼您' }).fill('李娜');
      await first.getByRole('button', { name: '注册', exact: true }).click();
      await heading(first, '欢迎，李娜').waitFor();
      const before = await storedTokens(first);
      await first.goto('about:blank');

      await new Promise((r) => setTimeout(r, 11_000));
      const refreshes: string[] = [];
      context.on('request', (req) => {
        if (req.url().endsWith('/api/auth/refresh')) refreshes.push(req.url());
      });
      const second = await openPage(context);
      // a refresh token works once: without the cross-tab lock one of these would replay it and
      // the api would revoke the whole session
      await Promise.all([first.goto(`${t.url}/account`), second.goto(`${t.url}/account`)]);
      await Promise.all([heading(first, '我的账户').waitFor(), heading(second, '我的账户').waitFor()]);
      expect(refreshes).toHaveLength(1);
      const after = await storedTokens(second);
      expect(after?.refreshToken).toBeTruthy();
      expect(after?.refreshToken).not.toBe(before?.refreshToken);
      expect(await visibleText(first)).toContain('李娜');
    } finally {
      await context.close();
    }
  });
});

/** No Latin words apart from the brand and the language button's own name. */
function expectOnlyChinese(text: string): void {
  const rest = text.replace(/Anchor Academy/g, '').replace(/\bEN\b/g, '');
  expect(rest.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
}

/** No Chinese apart from the brand and the language button's own name. */
function expectNoChinese(text: string): void {
  const rest = text.replace(/主播学院|中文|播/g, '');
  expect(rest.match(/[\u3400-\u9fff\uff00-\uffef]+/g) ?? []).toEqual([]);
}
