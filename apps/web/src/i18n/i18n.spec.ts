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

describe('errorText with the reason', () => {
  const zh = translator('zh-CN');
  const en = translator('en');
  const refusal = (...details: Array<{ field: string; reason: string }>) =>
    new ApiError(
      400,
      'VALIDATION_FAILED',
      'The api’s own words.',
      details.map((d) => ({ ...d, message: `${d.field} refused (${d.reason})` })),
    );

  it('says why an edit was refused, in both languages; without the option the general message stays', () => {
    const cycle = refusal({ field: 'prerequisiteLessonIds', reason: 'cycle' });
    expect(errorText(cycle, zh, { withReason: true })).toBe(
      '先修关系不能绕成一圈：所选的内容已经（直接或间接）要求先学完这一项。',
    );
    expect(errorText(cycle, en, { withReason: true })).toBe(
      'Prerequisites cannot go round in a circle: what you chose already needs this one first, directly or through others.',
    );
    expect(errorText(cycle, zh)).toBe('填写的内容有误，请检查后再试。');
  });

  it.each([
    ['position', 'outOfRange', '这个位置已经不存在了，可能有人刚改过课程。请刷新页面后再试。'],
    ['moduleId', 'otherCourse', '课只能移到本课程的单元里。'],
    ['body', 'lessonKind', '这种类型的课没有这一项内容。'],
    ['title', 'isLength', '长度不对：不能为空（只有空格也算空），也不能超过字数上限。'],
    ['prerequisiteCourseIds', 'notInProgram', '先修课程必须是同一个项目里的课程。'],
  ])('words %s/%s', (field, reason, text) => {
    expect(errorText(refusal({ field, reason }), zh, { withReason: true })).toBe(text);
  });

  it('keeps a field’s own words before the reason’s general ones', () => {
    const e = refusal({ field: 'password', reason: 'isLength' });
    expect(errorText(e, zh, { withReason: true })).toBe('密码需要 8 到 128 个字符。');
  });

  it('takes the first reason it knows, else the general message (never the api’s English)', () => {
    const mixed = refusal({ field: 'roles', reason: 'isIn' }, { field: 'moduleId', reason: 'otherCourse' });
    expect(errorText(mixed, zh, { withReason: true })).toBe('课只能移到本课程的单元里。');
    for (const reason of ['somethingNew', 'toString', 'constructor']) {
      const unknown = refusal({ field: 'title', reason });
      expect(errorText(unknown, zh, { withReason: true })).toBe('填写的内容有误，请检查后再试。');
      expect(errorText(unknown, en, { withReason: true })).toBe(
        'Some details need fixing. Please check and try again.',
      );
    }
    expect(errorText(refusal(), zh, { withReason: true })).toBe('填写的内容有误，请检查后再试。');
  });

  it('words the reason of another code too: a module that is gone', () => {
    const gone = new ApiError(404, 'NOT_FOUND', 'No such module.', [
      { field: 'moduleId', reason: 'unknownModule', message: 'No such module.' },
    ]);
    expect(errorText(gone, en, { withReason: true })).toBe(
      'That module was not found; it may have just changed. Please reload the page and try again.',
    );
    expect(errorText(new ApiError(404, 'NOT_FOUND', 'No such course.'), en, { withReason: true })).toBe(
      'We could not find that.',
    );
  });

  it('fieldErrorText words the general reasons next to a field too, and ignores inherited names', () => {
    expect(
      fieldErrorText({ field: 'credits', reason: 'min', message: 'credits must not be less than 0' }, zh),
    ).toBe('数值太小了。');
    expect(fieldErrorText({ field: 'x', reason: 'toString', message: 'odd' }, zh)).toBe('odd');
  });
});
