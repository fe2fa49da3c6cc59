import type { ErrorFieldDetail } from '@app/contracts';
import { isApiError } from '../api/api-error';
import { isPlainKey, type PlainKey, type Translate } from './translate';

export interface ErrorTextOptions {
  /**
   * Say why, from the api's `details`, where the reason is known: for forms and pages that show one
   * message for the whole call (not those showing each field's error next to it, as `useApiForm`).
   */
  withReason?: boolean;
}

/**
 * What to tell a person about a failed call: the translated code, else the api's own message. With
 * `withReason`, the first reason of the api's `details` this build knows, in the page's language;
 * a refusal for reasons it does not know still reads as the code's general message.
 */
export function errorText(error: unknown, t: Translate, options: ErrorTextOptions = {}): string {
  if (isApiError(error)) {
    if (options.withReason) {
      const reason = error.details.map((d) => reasonText(d, t)).find((text) => text !== null);
      if (reason) return reason;
    }
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

// Reasons that read the same whatever the field: the services' own (course editing's outline and
// prerequisite rules) and the class-validator constraints whose words need no field name.
const REASONS: Partial<Record<string, PlainKey>> = {
  cycle: 'validation.reason.cycle',
  outOfRange: 'validation.reason.outOfRange',
  otherCourse: 'validation.reason.otherCourse',
  unknownModule: 'validation.reason.unknownModule',
  lessonKind: 'validation.reason.lessonKind',
  notInCourse: 'validation.reason.notInCourse',
  notInProgram: 'validation.reason.notInProgram',
  notEvaluator: 'validation.reason.notEvaluator',
  notClass: 'validation.reason.notClass',
  required: 'validation.reason.required',
  unknownField: 'validation.reason.unknownField',
  isLength: 'validation.reason.isLength',
  min: 'validation.reason.min',
  max: 'validation.reason.max',
  isInt: 'validation.reason.isInt',
  isNumber: 'validation.reason.isNumber',
};

// own keys only: a reason such as `toString` is not one of ours
const lookUp = (table: Partial<Record<string, PlainKey>>, key: string): PlainKey | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** One detail in the page's language: by field and reason, else by reason alone; null if unknown. */
function reasonText(detail: ErrorFieldDetail, t: Translate): string | null {
  const field = detail.field.split('.')[0] ?? detail.field;
  const key = lookUp(FIELD_REASONS, `${field}.${detail.reason}`) ?? lookUp(REASONS, detail.reason);
  return key ? t(key) : null;
}

/** One field's error from the api's `details`, in the page's language where we know the reason. */
export function fieldErrorText(detail: ErrorFieldDetail, t: Translate): string {
  return reasonText(detail, t) ?? (detail.message || t('validation.invalid'));
}
