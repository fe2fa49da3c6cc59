import { isPlainKey, type Translate } from '../../i18n/translate';

/** A stable error code from the api or the media server, in the page's language. */
export function codeText(code: string, t: Translate): string {
  const key = `error.${code}`;
  return isPlainKey(key) ? t(key) : t('error.INTERNAL');
}

/** Counts the way people read them: 1.2万 in Chinese, 12K in English. */
export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** A length of time as a clock reads it: 0:07, 12:30, 1:02:03 (the same in every language). */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
