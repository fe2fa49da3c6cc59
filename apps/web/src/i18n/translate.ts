import { Locales, type Locale } from '@app/contracts';
import { en } from './messages.en';
import { zhCN, type MessageKey, type Messages } from './messages.zh-CN';

export type { ClientErrorCode, MessageKey, Messages } from './messages.zh-CN';

export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const dictionaries: Readonly<Record<Locale, Messages>> = { 'zh-CN': zhCN, en };

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** `t('home.welcome', { name })`: the parameters a key needs are read off its Chinese text. */
export type MessageArgs<K extends MessageKey> = [Placeholders<(typeof zhCN)[K]>] extends [never]
  ? []
  : [params: Record<Placeholders<(typeof zhCN)[K]>, string | number>];

export type Translate = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (Locales as readonly string[]).includes(value);
}

/** Keys whose text takes no parameters, so they can be looked up by a computed name. */
export type PlainKey = { [K in MessageKey]: MessageArgs<K> extends [] ? K : never }[MessageKey];

export function isPlainKey(key: string): key is PlainKey {
  return (
    Object.prototype.hasOwnProperty.call(zhCN, key) && placeholdersOf(zhCN[key as MessageKey]).length === 0
  );
}

export function translator(locale: Locale): Translate {
  const messages = dictionaries[locale];
  return (key, ...args) => {
    const text = messages[key];
    const params: Record<string, string | number> | undefined = args[0];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
  };
}

/** The `{name}` placeholders of a message, for checking that translations keep them. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}
