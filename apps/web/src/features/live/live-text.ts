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
