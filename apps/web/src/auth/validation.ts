import type { PlainKey } from '../i18n';

// Mirrors the api's rules (libs/identity) so most mistakes are caught before a round trip on a
// slow connection; the api still decides.
const PHONE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,}$/;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const DISPLAY_NAME_MAX = 40;

export type FieldProblems<F extends string> = Partial<Record<F, PlainKey>>;

export function checkPhone(value: string): PlainKey | undefined {
  if (!value.trim()) return 'validation.required';
  return PHONE.test(value.replace(/[\s\-()]/g, '')) ? undefined : 'validation.phone';
}

export function checkEmail(value: string): PlainKey | undefined {
  if (!value.trim()) return 'validation.required';
  return EMAIL.test(value.trim()) ? undefined : 'validation.email';
}

export function checkIdentifier(value: string): PlainKey | undefined {
  if (!value.trim()) return 'validation.required';
  return value.includes('@') ? checkEmail(value) : checkPhone(value) && 'validation.identifier';
}

export function passwordLengthOk(value: string): boolean {
  return value.length >= PASSWORD_MIN && value.length <= PASSWORD_MAX;
}

export function checkNewPassword(value: string): PlainKey | undefined {
  if (!value) return 'validation.required';
  return passwordLengthOk(value) ? undefined : 'validation.passwordLength';
}

export function checkDisplayName(value: string): PlainKey | undefined {
  if (!value.trim()) return 'validation.required';
  return [...value.trim()].length <= DISPLAY_NAME_MAX ? undefined : 'validation.displayNameLength';
}

/** Drops the fields that passed, so an empty object means the form is fine. */
export function problems<F extends string>(checks: Record<F, PlainKey | undefined>): FieldProblems<F> {
  const out: FieldProblems<F> = {};
  for (const [field, problem] of Object.entries(checks) as [F, PlainKey | undefined][]) {
    if (problem) out[field] = problem;
  }
  return out;
}
