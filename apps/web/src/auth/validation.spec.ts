import {
  checkDisplayName,
  checkEmail,
  checkIdentifier,
  checkNewPassword,
  checkPhone,
  problems,
} from './validation';

describe('sign-up and sign-in checks', () => {
  it('accepts mainland mobile numbers in the ways people type them', () => {
    for (const ok of ['13800138000', '+86 138-0013-8000', '008613800138000', '199 1234 5678']) {
      expect(checkPhone(ok)).toBeUndefined();
    }
    expect(checkPhone('12800138000')).toBe('validation.phone');
    expect(checkPhone('1380013800')).toBe('validation.phone');
    expect(checkPhone(' ')).toBe('validation.required');
  });

  it('checks e-mail addresses and the either-or sign-in identifier', () => {
    expect(checkEmail('li.na@example.com')).toBeUndefined();
    expect(checkEmail('li.na@example')).toBe('validation.email');
    expect(checkIdentifier('li.na@example.com')).toBeUndefined();
    expect(checkIdentifier('13800138000')).toBeUndefined();
    expect(checkIdentifier('123')).toBe('validation.identifier');
    expect(checkIdentifier('li.na@')).toBe('validation.email');
  });

  it('checks the password length and the name length in characters, not bytes', () => {
    expect(checkNewPassword('1234567')).toBe('validation.passwordLength');
    expect(checkNewPassword('12345678')).toBeUndefined();
    expect(checkNewPassword('x'.repeat(129))).toBe('validation.passwordLength');
    expect(checkDisplayName('王'.repeat(40))).toBeUndefined();
    expect(checkDisplayName('王'.repeat(41))).toBe('validation.displayNameLength');
  });

  it('keeps only the fields with a problem', () => {
    expect(problems({ a: undefined, b: 'validation.required' })).toEqual({ b: 'validation.required' });
  });
});
