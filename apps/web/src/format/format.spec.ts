import { formatDate, formatDateTime, formatMoney } from './format';

describe('formatMoney', () => {
  it('scales minor units by the currency’s own decimals', () => {
    expect(formatMoney(1999, 'CNY', 'zh-CN')).toBe('¥19.99');
    expect(formatMoney(1999, 'CNY', 'en')).toBe('CN¥19.99');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
    expect(formatMoney(0, 'CNY', 'zh-CN')).toBe('¥0.00');
    expect(formatMoney(-250, 'CNY', 'zh-CN')).toBe('-¥2.50');
    expect(formatMoney(123456789, 'CNY', 'zh-CN')).toBe('¥1,234,567.89');
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => formatMoney(19.99, 'CNY', 'zh-CN')).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  const moment = '2026-03-08T12:30:00Z';

  it('shows a UTC moment in the requested zone and language', () => {
    expect(
      formatDateTime(moment, 'zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }),
    ).toBe('2026年3月8日 20:30');
    expect(
      formatDateTime(moment, 'en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
    ).toMatch(/^Mar 8, 2026,? 12:30\sPM$/);
  });

  it('uses the viewer’s zone by default', () => {
    const expected = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(moment),
    );
    expect(formatDateTime(moment, 'en')).toBe(expected);
    expect(formatDate(moment, 'zh-CN')).toMatch(/^2026年3月[89]日$/);
  });

  it('refuses what is not a date', () => {
    expect(() => formatDateTime('not a date', 'en')).toThrow(RangeError);
  });
});
