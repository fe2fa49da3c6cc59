import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { freePort, launchBrowser, type TestApp } from '@app/testing';
import { startApi } from '../../api/test/support';
import { createMediaApp } from '../../media/src/media-app';
import { requireWorkerBin, testMediaConfig } from '../../media/test/media-test-kit';

export const WEB_DIST = resolve(__dirname, '../../../dist/web');

export function requireWebBuild(): void {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error(`No web build at ${WEB_DIST}. Run \`npm run build:web\` before the browser tests.`);
}

export interface LiveStack {
  t: TestApp;
  media: INestApplication;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The real api (fresh database) serving the real web build, the real media server (a mediasoup
 * worker) reached through the api's /media-io proxy, and headless Chromium with a fake camera.
 * Each test file passes its own RTC port base, so files running side by side never collide.
 */
export async function startLiveStack(
  rtcPortBase: string,
  apiEnv: Record<string, string> = {},
): Promise<LiveStack> {
  requireWebBuild();
  requireWorkerBin();
  // each side needs the other's address: the media port is picked first, the api told of it
  const mediaPort = await freePort();
  const t = await startApi({
    WEB_DIST_DIR: WEB_DIST,
    MEDIA_INTERNAL_URL: `http://127.0.0.1:${mediaPort}`,
    ...apiEnv,
  });
  const media = await createMediaApp(
    testMediaConfig({
      ROOM_TOKEN_SECRET: t.cfg.auth.roomTokenSecret,
      INTERNAL_SECRET: t.cfg.internalSecret,
      API_INTERNAL_URL: t.url,
      MEDIA_RTC_PORT_BASE: rtcPortBase,
    }),
    { logger: false },
  );
  await media.listen(mediaPort, '127.0.0.1');
  const browser = await launchBrowser();
  return {
    t,
    media,
    browser,
    async close() {
      await browser.close();
      await media.close();
      await t.close();
    },
  };
}
