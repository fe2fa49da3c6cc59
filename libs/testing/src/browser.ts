import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

/**
 * Headless Chromium for browser tests: the system's Debian build (never a downloaded one), with a
 * fake camera and microphone that need no permission prompt, so live-room tests can publish.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

/** The phone most trainees hold, roughly: 390×844 CSS pixels (an iPhone 12–15 class screen). */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

const REPO_ROOT = resolve(__dirname, '../../..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results');

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium package or set CHROMIUM_PATH`,
    );
  }
  // `headless` stays at Playwright's default (true): besides its own --headless it then hides
  // scrollbars and mutes audio. Launching with headless: false and only the --headless above also
  // works with this Chromium; both were tried.
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    timeout: 60_000,
  });
}

export interface ContextOptions extends BrowserContextOptions {
  /** the browser's language (Accept-Language, navigator.language); default zh-CN */
  locale?: string;
}

/** A fresh profile (no storage) shaped like a phone in China unless told otherwise. */
export function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: PHONE_VIEWPORT,
    isMobile: true,
    hasTouch: true,
    ...options,
  });
}

/** Full-page PNG at `test-results/<name>.png`; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Uncaught exceptions in the page, collected so a test can assert there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  return errors;
}
