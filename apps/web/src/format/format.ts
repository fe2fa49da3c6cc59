import type { Locale } from '@app/contracts';

/**
 * A moment from the api (UTC ISO string) in the viewer's own time zone, or in `timeZone` when a
 * page must show another one (e.g. a live stream's announced local time).
 */
export function formatDateTime(
  value: string | number | Date,
  locale: Locale,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** Just the date, e.g. for "member since". */
export function formatDate(value: string | number | Date, locale: Locale): string {
  return formatDateTime(value, locale, { dateStyle: 'long' });
}

/**
 * Money arrives as an integer in minor units with its currency (STYLE.md habit 8): 1999 CNY is
 * ¥19.99; 500 JPY is ¥500. The currency's own number of decimals decides the scale.
 */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  if (!Number.isSafeInteger(minor))
    throw new RangeError(`Money must be an integer in minor units, got ${minor}`);
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** Money short enough for a chart's axis: ¥1.2万, CN¥1.2K. */
export function formatMoneyCompact(minor: number, currency: string, locale: Locale): string {
  const digits = new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(minor / 10 ** (digits ?? 2));
}
