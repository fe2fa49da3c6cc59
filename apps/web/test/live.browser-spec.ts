import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import type { Ack, AuthResponse, RoomTokenResponse } from '@app/contracts';
import { collectPageErrors, newContext, screenshot, type TestApp } from '@app/testing';
import { signUp } from '../../api/test/support';
import { SfuService } from '../../media/src/sfu/sfu.service';
import { produceRequest } from '../../media/test/media-test-kit';
import { startLiveStack, type LiveStack } from './live-stack';

// The real api serving the real web build, the real media server (a real mediasoup worker) behind
// the api's /media-io proxy, and headless Chromium with a fake 1280x720 camera: a host goes live
// from the studio, three viewers watch, one raises a hand and is brought on stage. Nothing is mocked.
// RTC ports: below the ephemeral range, and below the 20000–31999 that other media tests pick from
const RTC_PORT_BASE = '19460';

/** Frames the page's <video data-stage=…> has decoded so far (0 when there is none yet). */
function framesOf(page: Page, stage: 'host' | 'cohost' | 'self'): Promise<number> {
  return page.evaluate((s) => {
    const video = document.querySelector<HTMLVideoElement>(`video[data-stage="${s}"]`);
    return video?.srcObject ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
  }, stage);
}

function videoWidthOf(page: Page, stage: 'host' | 'cohost'): Promise<number> {
  return page.evaluate(
    (s) => document.querySelector<HTMLVideoElement>(`video[data-stage="${s}"]`)?.videoWidth ?? 0,
    stage,
  );
}

/** Waits for the first decoded frame; returns how long that took from `since`. */
async function firstFrame(
  page: Page,
  stage: 'host' | 'cohost',
  since: number,
  timeoutMs: number,
): Promise<number> {
  const deadline = since + timeoutMs;
  while (Date.now() < deadline) {
    if ((await framesOf(page, stage)) > 0) return Date.now() - since;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no ${stage} video frame within ${timeoutMs} ms`);
}

/** Frames keep coming: the count rises over `ms`. */
async function expectRising(page: Page, stage: 'host' | 'cohost', ms = 700): Promise<void> {
  const before = await framesOf(page, stage);
  await new Promise((r) => setTimeout(r, ms));
  expect(await framesOf(page, stage)).toBeGreaterThan(before);
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('live streaming in the browser', () => {
  let t: TestApp;
  let media: INestApplication;
  let browser: Browser;
  let stack: LiveStack | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startLiveStack(RTC_PORT_BASE);
    ({ t, media, browser } = stack);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await stack?.close();
  });

  /** The spatial layer the SFU was asked to forward to this user's host-video consumer. */
  function preferredLayer(sessionId: string, userId: string): number | undefined {
    const room = media.get(SfuService).rooms.get(sessionId);
    const peer = [...(room?.peers.values() ?? [])].find((p) => p.identity.userId === userId);
    const video = [...(peer?.consumers.values() ?? [])].find((c) => c.type === 'simulcast');
    return video?.preferredLayers?.spatialLayer;
  }

  /** A phone-sized page, signed in as `who` (tokens put where the app keeps them). */
  async function openAs(
    who: AuthResponse | null,
    locale = 'zh-CN',
  ): Promise<{ page: Page; context: BrowserContext }> {
    const context = await newContext(browser, { locale });
    contexts.push(context);
    if (who) {
      const { accessToken, refreshToken, refreshExpiresAt } = who.tokens;
      await context.addInitScript(
        (value) => localStorage.setItem('aa.auth', value),
        JSON.stringify({ accessToken, refreshToken, refreshExpiresAt }),
      );
    }
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('dialog', (d) => void d.accept());
    return { page, context };
  }

  it('a host goes live, three viewers watch, a viewer cannot publish, one raises a hand and joins the stage', async () => {
    const started = Date.now();
    const anchor = await signUp(t, { roles: ['anchor'], displayName: '面条王阿姨' });
    const fans = await Promise.all(
      ['茶农小李', '张大姐', 'Lucy'].map((displayName) => signUp(t, { roles: ['viewer'], displayName })),
    );

    // ---- the host: create, preview, go live ----
    const host = await openAs(anchor);
    const hostErrors = collectPageErrors(host.page);
    await host.page.goto(`${t.url}/live/studio`);
    await host.page.getByRole('textbox', { name: '直播标题' }).fill('手工挂面，今天现做');
    await host.page.getByRole('button', { name: '下一步：检查摄像头' }).click();
    await host.page.waitForURL(/\/live\/studio\/[0-9a-f-]{36}$/);
    const sessionId = host.page.url().split('/').pop()!;
    await until(async () => (await framesOf(host.page, 'self')) > 0, 10_000, 'the camera preview');
    await screenshot(host.page, 'live-studio-preview-zh-CN');
    await host.page.getByRole('button', { name: '开始直播' }).click();
    await host.page.getByText('直播中，观众能看到您').first().waitFor();

    // ---- three viewers, each in its own browser profile ----
    const viewers = await Promise.all(fans.map((fan) => openAs(fan)));
    const viewerErrors = viewers.map((v) => collectPageErrors(v.page));
    // one after another, as people arrive: each join is timed on its own, not against the others
    const timings: Array<{ fromJoin: number; fromNavigation: number }> = [];
    for (const { page } of viewers) {
      const navigated = Date.now();
      // joining starts when the room token arrives (the page asks for it while it loads)
      const joined = page.waitForResponse((r) => r.url().endsWith('/room-token')).then(() => Date.now());
      await page.goto(`${t.url}/live/${sessionId}`);
      const joinedAt = await joined;
      const fromJoin = await firstFrame(page, 'host', joinedAt, 3_000);
      timings.push({ fromJoin, fromNavigation: fromJoin + (joinedAt - navigated) });
    }
    for (const { page } of viewers) await expectRising(page, 'host');
    console.log(
      'viewer join → first host frame (ms):',
      timings.map((x) => x.fromJoin),
      'navigation → first frame (ms):',
      timings.map((x) => x.fromNavigation),
    );
    // a 390px phone tile gets the middle layer of the three, not the 1280 one
    // the layer each viewer asks the SFU for (the library's policy, fed by the page): a 390px
    // phone tile wants the middle of the three layers, data saver the smallest. What arrives may
    // be smaller still while the publisher's encoder ramps up on a busy machine.
    const preferred = (userId: string) => () => Promise.resolve(preferredLayer(sessionId, userId));
    await until(
      async () => (await preferred(fans[1].user.id)()) === 1,
      5_000,
      'the phone to ask for layer 1',
    );
    await viewers[2].page.getByRole('checkbox', { name: '省流量' }).check();
    await until(
      async () => (await preferred(fans[2].user.id)()) === 0,
      5_000,
      'data saver to ask for layer 0',
    );
    await until(async () => (await videoWidthOf(viewers[2].page, 'host')) === 320, 5_000, 'the 320 layer');

    // ---- a viewer may not publish: the media server refuses (a direct signaling call) ----
    const anon = (await (
      await fetch(`${t.url}/api/live-sessions/${sessionId}/room-token`, { method: 'POST' })
    ).json()) as RoomTokenResponse;
    expect(anon.role).toBe('viewer');
    const socket = io(`${t.url}/media`, {
      path: anon.mediaPath,
      auth: { token: anon.token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    try {
      await new Promise<void>((done, fail) => {
        socket.once('connect', () => done());
        socket.once('connect_error', fail);
      });
      const call = (name: string, req: unknown) =>
        socket.timeout(5000).emitWithAck(name, req) as Promise<Ack<unknown>>;
      expect((await call('getRouterRtpCapabilities', {})).ok).toBe(true);
      const send = await call('createWebRtcTransport', { direction: 'send' });
      expect(send).toMatchObject({ ok: false, error: { code: 'MEDIA_NOT_ALLOWED' } });
      const produce = await call('produce', produceRequest(randomUUID(), 'camera'));
      expect(produce).toMatchObject({ ok: false, error: { code: 'MEDIA_NOT_ALLOWED' } });
    } finally {
      socket.close();
    }

    // ---- the first viewer raises a hand; the host sees it and invites them on stage ----
    const guest = viewers[0].page;
    await guest.getByRole('button', { name: '举手上台' }).click();
    await guest.getByText('您举手了，主播看得到。').waitFor();
    const person = host.page.locator('.live-person', { hasText: '茶农小李' });
    await person.getByText('举手了').waitFor();
    await host.page.getByText('1 人举手想上台').waitFor();
    // the others have no hand up
    expect(await host.page.locator('.live-person', { hasText: '张大姐' }).getByText('举手了').count()).toBe(
      0,
    );
    await screenshot(host.page, 'live-studio-hand-raised-zh-CN');
    await person.getByRole('button', { name: '请上台' }).click();
    await guest.getByText('面条王阿姨 邀请您上台一起直播').waitFor();
    await screenshot(guest, 'live-watch-invited-zh-CN');
    await guest.getByRole('button', { name: '上台', exact: true }).click();
    await guest.getByText('您在台上，大家都能看到您').waitFor();
    // the invitation answered the hand: it is down on both sides
    await person.getByText('举手了').waitFor({ state: 'detached' });
    expect(await guest.getByRole('button', { name: '举手上台' }).count()).toBe(0);
    const invitedAt = Date.now();
    for (const { page } of viewers.slice(1)) {
      await firstFrame(page, 'cohost', invitedAt, 8_000);
      await expectRising(page, 'cohost');
    }
    await firstFrame(host.page, 'cohost', invitedAt, 8_000);
    await person.getByRole('button', { name: '请下台' }).waitFor();

    // ---- chat and likes between them ----
    await viewers[1].page.getByRole('textbox', { name: '说点什么' }).fill('还有500克的吗？');
    await viewers[1].page.getByRole('button', { name: '发送' }).click();
    await host.page.getByText('还有500克的吗？').waitFor();
    for (let i = 0; i < 5; i++) await viewers[2].page.getByRole('button', { name: '点赞' }).click();
    await viewers[1].page.locator('.live-like-count', { hasText: '5' }).waitFor();

    await screenshot(host.page, 'live-studio-live-zh-CN');
    await screenshot(viewers[1].page, 'live-watch-zh-CN');
    await host.page.getByRole('button', { name: 'English' }).click();
    await host.page.getByText('You are live: viewers can see you').first().waitFor();
    await screenshot(host.page, 'live-studio-live-en');
    await viewers[2].page.getByRole('button', { name: 'English' }).click();
    await viewers[2].page.getByRole('button', { name: 'Like' }).waitFor();
    await screenshot(viewers[2].page, 'live-watch-en');

    // ---- the host takes the guest off the stage; the others stop seeing them ----
    await person.getByRole('button', { name: 'Remove from stage' }).click();
    await guest.getByText('主播请您下台了，谢谢参与！').waitFor();
    await viewers[1].page.locator('video[data-stage="cohost"]').waitFor({ state: 'detached' });

    // ---- a guest without an account finds the stream in the list and watches ----
    const passerby = await openAs(null);
    await passerby.page.goto(`${t.url}/live`);
    await passerby.page.getByRole('button', { name: 'English' }).click();
    await passerby.page.getByRole('link', { name: 'Watch: 手工挂面，今天现做' }).waitFor();
    await screenshot(passerby.page, 'live-list-en');
    await passerby.page.getByRole('link', { name: 'Watch: 手工挂面，今天现做' }).click();
    await firstFrame(passerby.page, 'host', Date.now(), 8_000);
    await passerby.page.getByRole('link', { name: 'Sign in to chat' }).waitFor();
    // without an account there is no stage to ask for
    expect(await passerby.page.getByRole('button', { name: 'Raise hand' }).count()).toBe(0);
    await passerby.page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(passerby.page, 'live-watch-desktop-en');
    await passerby.context.close();

    // ---- the end ----
    await host.page.getByRole('button', { name: 'End', exact: true }).click();
    await host.page.getByRole('heading', { name: 'This live stream has ended' }).waitFor();
    await viewers[1].page.getByRole('heading', { name: '直播已经结束了' }).waitFor();
    await viewers[2].page.getByRole('heading', { name: 'This live stream has ended' }).waitFor();
    expect([...hostErrors, ...viewerErrors.flat()]).toEqual([]);
    console.log(`live browser test took ${Date.now() - started} ms`);
  });

  it('a program admin observes a live class unseen and unheard', async () => {
    const pg = new Client({ connectionString: t.db.url });
    await pg.connect();
    /** grants a role the sign-up cannot, then refreshes so the access token carries it */
    const promote = async (role: string, displayName: string): Promise<AuthResponse> => {
      const who = await signUp(t, { roles: ['viewer'], displayName });
      await pg.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2)`, [who.user.id, role]);
      const res = await fetch(`${t.url}/api/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: who.tokens.refreshToken }),
      });
      return (await res.json()) as AuthResponse;
    };
    const teacher = await promote('instructor', '王老师');
    const office = await promote('program_admin', '就业办小陈');
    await pg.end();
    const trainee = await signUp(t, { roles: ['trainee'], displayName: '学员小赵' });

    const host = await openAs(teacher);
    await host.page.goto(`${t.url}/live/studio`);
    await host.page.getByRole('textbox', { name: '直播标题' }).fill('直播课：话术入门');
    await host.page.getByRole('button', { name: '下一步：检查摄像头' }).click();
    await host.page.waitForURL(/\/live\/studio\/[0-9a-f-]{36}$/);
    const sessionId = host.page.url().split('/').pop()!;
    await host.page.getByRole('button', { name: '开始直播' }).click();
    await host.page.getByText('直播中，观众能看到您').first().waitFor();

    const student = await openAs(trainee);
    await student.page.goto(`${t.url}/live/${sessionId}`);
    await firstFrame(student.page, 'host', Date.now(), 8_000);
    await host.page.locator('.live-person', { hasText: '学员小赵' }).waitFor();

    // the office opens the class like anyone, then chooses to observe
    const observer = await openAs(office);
    const observerErrors = collectPageErrors(observer.page);
    await observer.page.goto(`${t.url}/live/${sessionId}`);
    await observer.page.getByRole('link', { name: '旁听巡课（不出现在名单中）' }).click();
    await observer.page.getByText('您正在巡课：主讲人和学员看不到您，也听不到您。').waitFor();
    await firstFrame(observer.page, 'host', Date.now(), 8_000);
    await expectRising(observer.page, 'host');
    // nothing to say, like or raise in observe mode
    for (const name of ['说点什么', '点赞', '举手上台'])
      expect(
        await observer.page.getByRole(name === '说点什么' ? 'textbox' : 'button', { name }).count(),
      ).toBe(0);
    await screenshot(observer.page, 'live-observe-zh-CN');

    // the media server holds the observer as such; nobody in the class is told of them
    const room = media.get(SfuService).rooms.get(sessionId);
    const peers = [...(room?.peers.values() ?? [])];
    const theirs = peers.find((p) => p.identity.userId === office.user.id);
    expect(theirs?.role).toBe('observer');
    await new Promise((r) => setTimeout(r, 1_000)); // any announcement would have arrived by now
    expect(await host.page.locator('.live-person', { hasText: '就业办小陈' }).count()).toBe(0);
    expect(await host.page.locator('.live-person', { hasText: '学员小赵' }).count()).toBe(1);
    expect(observerErrors).toEqual([]);

    await host.page.getByRole('button', { name: '结束直播', exact: true }).click();
    await observer.page.getByRole('heading', { name: '直播已经结束了' }).waitFor();
  });
});
