import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LiveSessionView, ReplayUploadResponse } from '@app/contracts';
import { collectPageErrors, newContext, screenshot, type TestApp } from '@app/testing';
import { signUp } from '../../api/test/support';
import { ReplayService } from '../../../libs/live/src/live-session/replay.service';
import { startLiveStack, type LiveStack } from './live-stack';

// The real api serving the real web build, the real media server (a real mediasoup worker, ffmpeg
// recording through PlainTransports, the upload to storage through a presigned URL) and headless
// Chromium with a fake camera: a host goes live with a replay recorded, ends, and viewers watch the
// replay. The one hold-up is the test's: the api's upload URL is handed out only when the test says
// so, standing in for a slow upload, so the "being prepared" state can be seen for sure.
// RTC ports: below the ephemeral range, and apart from the other browser tests'
const RTC_PORT_BASE = '19560';

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Plays the page's replay muted (headless autoplay rules) and waits until it is past `seconds`. */
async function playsPast(page: Page, seconds: number): Promise<void> {
  const video = page.locator('.live-replay video');
  await video.waitFor();
  await video.evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    await v.play();
  });
  await until(
    () => video.evaluate((v: HTMLVideoElement) => v.currentTime).then((time) => time > seconds),
    15_000,
    `the replay to play past ${seconds} s`,
  );
}

/** The start time as the page should show it: in the browser's own zone, the page's language. */
function expectedTime(page: Page, iso: string, locale: string): Promise<string> {
  return page.evaluate(
    ([value, lang]) =>
      new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)),
    [iso, locale] as const,
  );
}

describe('live replays in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let stack: LiveStack | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startLiveStack(RTC_PORT_BASE);
    ({ t, browser } = stack);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await stack?.close();
  });

  async function open(options: { locale: string; timezoneId: string }, auth?: string): Promise<Page> {
    const context = await newContext(browser, options);
    contexts.push(context);
    if (auth) await context.addInitScript((value) => localStorage.setItem('aa.auth', value), auth);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('dialog', (d) => void d.accept());
    return page;
  }

  it('a recorded stream ends, a viewer sees the replay being prepared, then plays it; the list shows it', async () => {
    const anchor = await signUp(t, { roles: ['anchor'], displayName: '蜂蜜李大哥' });
    const title = '山里的土蜂蜜，现场摇蜜';

    // the upload URL waits for the test: the replay stays "processing" until it is released
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const replays = t.app.get(ReplayService);
    const original = replays.uploadUrl.bind(replays);
    const held = jest
      .spyOn(replays, 'uploadUrl')
      .mockImplementation(async (id: string): Promise<ReplayUploadResponse> => {
        await released;
        return original(id);
      });

    try {
      // ---- the host goes live with "record a replay", for about 5 s ----
      const { accessToken, refreshToken, refreshExpiresAt } = anchor.tokens;
      const host = await open(
        { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
        JSON.stringify({ accessToken, refreshToken, refreshExpiresAt }),
      );
      const hostErrors = collectPageErrors(host);
      await host.goto(`${t.url}/live/studio`);
      await host.getByRole('textbox', { name: '直播标题' }).fill(title);
      await host.getByRole('checkbox', { name: /录制回放/ }).check();
      await host.getByRole('button', { name: '下一步：检查摄像头' }).click();
      await host.waitForURL(/\/live\/studio\/[0-9a-f-]{36}$/);
      const sessionId = host.url().split('/').pop()!;
      await host.getByRole('button', { name: '开始直播' }).click();
      await host.getByText('直播中，观众能看到您').first().waitFor();
      await new Promise((r) => setTimeout(r, 5_500));
      await host.getByRole('button', { name: '结束直播' }).click();
      await host.getByRole('heading', { name: '这场直播已经结束了' }).waitFor();

      // ---- a viewer (zh-CN, Shanghai) opens it while the replay is being prepared ----
      const viewer = await open({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const viewerErrors = collectPageErrors(viewer);
      await viewer.goto(`${t.url}/live/${sessionId}`);
      await viewer.getByText('直播已经结束，回放正在生成，请稍等。').waitFor();
      await viewer.getByRole('progressbar', { name: '回放生成进度' }).waitFor();
      // the elapsed time since the end ticks on
      const elapsed = viewer.getByText(/^直播结束已经 \d+:\d\d/);
      const first = await elapsed.textContent();
      await until(async () => (await elapsed.textContent()) !== first, 5_000, 'the elapsed time to tick');
      await screenshot(viewer, 'replay-preparing-zh-CN');
      expect(await viewer.locator('video').count()).toBe(0);

      // ---- the upload goes ahead: the page switches to the player by itself ----
      release();
      await viewer.locator('.live-replay video').waitFor({ timeout: 40_000 });
      const session = (await (
        await fetch(`${t.url}/api/live-sessions/${sessionId}`)
      ).json()) as LiveSessionView;
      expect(session.replay.status).toBe('ready');
      expect(session.replay.durationMs).toBeGreaterThan(3_000);
      await viewer.getByRole('heading', { name: title }).waitFor();
      await viewer.getByText('蜂蜜李大哥').waitFor();
      const zhTime = await expectedTime(viewer, session.startedAt!, 'zh-CN');
      await viewer.getByText(`直播于 ${zhTime}`).waitFor();
      await viewer.getByText(/^时长 0:\d\d$/).waitFor();
      await playsPast(viewer, 1);
      await screenshot(viewer, 'replay-player-zh-CN');

      // ---- the live list shows it under the replays ----
      await viewer.goto(`${t.url}/live`);
      await viewer.getByRole('heading', { name: '直播回放' }).waitFor();
      await viewer.getByRole('link', { name: `看回放：${title}` }).click();
      await viewer.waitForURL(`${t.url}/live/${sessionId}`);
      await viewer.locator('.live-replay video').waitFor();

      // ---- in English, in another time zone ----
      const traveller = await open({ locale: 'en-US', timezoneId: 'America/New_York' });
      const travellerErrors = collectPageErrors(traveller);
      await traveller.goto(`${t.url}/live`);
      await traveller.getByRole('button', { name: 'English' }).click();
      await traveller.getByRole('heading', { name: 'Replays' }).waitFor();
      await screenshot(traveller, 'replay-list-en');
      await traveller.getByRole('link', { name: `Watch the replay: ${title}` }).click();
      const enTime = await expectedTime(traveller, session.startedAt!, 'en');
      expect(enTime).not.toBe(zhTime);
      await traveller.getByText(`Streamed ${enTime}`).waitFor();
      await traveller.getByText(/^Length 0:\d\d$/).waitFor();
      await playsPast(traveller, 1);
      await screenshot(traveller, 'replay-player-en');

      expect(held).toHaveBeenCalledTimes(1);
      expect([...hostErrors, ...viewerErrors, ...travellerErrors]).toEqual([]);
    } finally {
      release();
      held.mockRestore();
    }
  });
});
