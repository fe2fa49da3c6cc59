import type { Locale } from '@app/contracts';

/** Hours as people say them: at most one decimal ("2.5"), none when whole. */
export function formatHours(hours: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(hours);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** `8613800138000` → `138****8000`: enough for the office to recognise, not to copy. */
export function maskMobile(mobile: string | null): string {
  if (!mobile) return '—';
  const local = mobile.startsWith('86') && mobile.length === 13 ? mobile.slice(2) : mobile;
  return local.length === 11 ? `${local.slice(0, 3)}****${local.slice(7)}` : local;
}

/** A random id for this browser tab, also where `crypto.randomUUID` is missing (plain-HTTP pages). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
