import { DomainError } from '@app/contracts';
import { parseIdentifier } from './identifier';

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
