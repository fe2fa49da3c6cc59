import type { ErrorFieldDetail } from '@app/contracts';
import { isApiError } from '../api/api-error';
import { isPlainKey, type PlainKey, type Translate } from './translate';

/** What to tell a person about a failed call: the translated code, else the api's own message. */
export function errorText(error: unknown, t: Translate): string {
  if (isApiError(error)) {
    const key = `error.${error.code}`;
    return isPlainKey(key) ? t(key) : error.message;
  }
  return t('error.INTERNAL');
}

// The api's field reasons are class-validator constraint names plus its own (`identifier`).
const FIELD_REASONS: Partial<Record<string, PlainKey>> = {
  'identifier.identifier': 'validation.identifier',
  'identifier.isLength': 'validation.identifier',
  'password.minLength': 'validation.passwordLength',
  'password.maxLength': 'validation.passwordLength',
  'password.isLength': 'validation.passwordLength',
  'displayName.isLength': 'validation.displayNameLength',
  'displayName.maxLength': 'validation.displayNameLength',
};

/** One field's error from the api's `details`, in the page's language where we know the reason. */
export function fieldErrorText(detail: ErrorFieldDetail, t: Translate): string {
  const field = detail.field.split('.')[0] ?? detail.field;
  const key = FIELD_REASONS[`${field}.${detail.reason}`];
  if (key) return t(key);
  return detail.message || t('validation.invalid');
}
