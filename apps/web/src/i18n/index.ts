export { I18nProvider, useI18n, type I18n } from './i18n-context';
export { errorText, fieldErrorText } from './error-text';
export {
  DEFAULT_LOCALE,
  isLocale,
  translator,
  type MessageKey,
  type PlainKey,
  type Translate,
} from './translate';
