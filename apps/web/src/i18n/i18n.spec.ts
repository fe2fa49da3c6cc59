import { ErrorCodes, Locales, Roles, type Locale } from '@app/contracts';
import { ApiError } from '../api/api-error';
import { errorText, fieldErrorText } from './error-text';
import { dictionaries, placeholdersOf, translator } from './translate';

describe('dictionaries', () => {
  const tables: Record<Locale, Readonly<Record<string, string>>> = dictionaries;
  const reference = Object.keys(tables['zh-CN']).sort();

  it.each(Locales)('%s has exactly the reference keys', (locale) => {
    expect(Object.keys(dictionaries[locale]).sort()).toEqual(reference);
  });

  it.each(Locales)('%s has no empty or untrimmed strings', (locale) => {
    const bad = Object.entries(dictionaries[locale]).filter(
      ([, text]) => text.trim() === '' || text.trim() !== text,
    );
    expect(bad).toEqual([]);
  });

  it.each(Locales)('%s keeps the placeholders of every message', (locale) => {
    const mismatched = reference.filter(
      (key) =>
        placeholdersOf(tables[locale][key] ?? '').join() !==
        placeholdersOf(tables['zh-CN'][key] ?? '').join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('translates every api error code and every role in both languages', () => {
    const expected = [...ErrorCodes.map((code) => `error.${code}`), ...Roles.map((role) => `role.${role}`)];
    for (const locale of Locales)
      expect(Object.keys(tables[locale])).toEqual(expect.arrayContaining(expected));
  });

  it('the English dictionary is not a copy of the Chinese one', () => {
    const same = reference.filter((key) => tables.en[key] === tables['zh-CN'][key]);
    expect(same).toEqual([]);
  });
});

describe('translator', () => {
  it('fills placeholders', () => {
    expect(translator('zh-CN')('home.welcome', { name: '王阿姨' })).toBe('欢迎，王阿姨');
    expect(translator('en')('home.welcome', { name: 'Li' })).toBe('Welcome, Li');
  });
});

describe('errorText', () => {
  const t = translator('zh-CN');

  it('translates a known code', () => {
    const error = new ApiError(401, 'AUTH_INVALID_CREDENTIALS', 'Wrong identifier or password.');
    expect(errorText(error, t)).toBe('账号或密码不对，请再试一次。');
    expect(errorText(error, translator('en'))).toBe(
      'The account or password is not right. Please try again.',
    );
  });

  it('falls back to the api’s message for a code this build does not know', () => {
    const error = new ApiError(409, 'SOME_FUTURE_CODE' as never, 'Something new happened.');
    expect(errorText(error, t)).toBe('Something new happened.');
  });

  it('translates field details by reason, else keeps the api’s message', () => {
    expect(fieldErrorText({ field: 'password', reason: 'minLength', message: 'too short' }, t)).toBe(
      '密码需要 8 到 128 个字符。',
    );
    expect(fieldErrorText({ field: 'roles', reason: 'isIn', message: 'roles must be one of…' }, t)).toBe(
      'roles must be one of…',
    );
  });
});
