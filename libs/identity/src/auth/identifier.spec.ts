import { DomainError } from '@app/contracts';
import { maskEmail, maskPhone, parseIdentifier } from './identifier';

describe('parseIdentifier', () => {
  it.each([
    ['13800138000', '8613800138000'],
    ['+86 138-0013-8000', '8613800138000'],
    ['008613800138000', '8613800138000'],
  ])('normalises the phone %s', (raw, phone) => {
    expect(parseIdentifier(raw)).toEqual({ kind: 'phone', phone });
  });

  it('lower-cases e-mail addresses', () => {
    expect(parseIdentifier(' Li.Na@Example.COM ')).toEqual({ kind: 'email', email: 'li.na@example.com' });
  });

  it.each(['12800138000', '1380013800', 'abc', 'a@b', "1' OR 1=1 --"])('refuses %s', (raw) => {
    expect(() => parseIdentifier(raw)).toThrow(DomainError);
  });
});

describe('masking', () => {
  it('keeps the first three and last four digits of a mainland mobile', () => {
    expect(maskPhone('8613800138000')).toBe('138****8000');
  });

  it('keeps the first letter of the mailbox and the domain of an e-mail', () => {
    expect(maskEmail('li.na@example.com')).toBe('l***@example.com');
    expect(maskEmail('a@b.cn')).toBe('a***@b.cn');
  });
});
