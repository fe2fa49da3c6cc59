import type { Locale } from '@app/contracts';
import { DEFAULT_LOCALE, isLocale } from './translate';

const KEY = 'aa.locale';

// Storage can throw (disabled cookies, some private modes); the language then lasts for the visit.
export function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(KEY, locale);
  } catch {
    // see above
  }
}
