import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AuthResponse } from '@app/contracts';
import { newContext } from '@app/testing';

/**
 * A phone-sized browser profile in `locale`, signed in as `who` (or not): the tokens and the
 * language go where the app keeps them before it starts. The context joins `contexts`, for the
 * test file to close.
 */
export async function openPhone(
  browser: Browser,
  contexts: BrowserContext[],
  who: AuthResponse | null,
  locale: 'zh-CN' | 'en' = 'zh-CN',
  timeoutMs = 10_000,
): Promise<Page> {
  const context = await newContext(browser, { locale });
  contexts.push(context);
  await context.addInitScript(
    ([tokens, lang]) => {
      localStorage.setItem('aa.locale', lang);
      if (tokens) localStorage.setItem('aa.auth', tokens);
    },
    [who ? JSON.stringify(who.tokens) : '', locale] as const,
  );
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  return page;
}
