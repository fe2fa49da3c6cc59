import { maskName, normalizeCode, randomCode } from './codes';
import { parseRange } from '../course/byte-range';

describe('codes', () => {
  it('random codes are canonical and survive sloppy typing', () => {
    const code = randomCode(4);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(normalizeCode(code.toLowerCase().replace(/-/g, ' '), 4)).toBe(code);
    expect(normalizeCode('oooo-iiii-llll-2222', 4)).toBe('0000-1111-1111-2222');
    expect(normalizeCode('UUUU-0000-0000-0000', 4)).toBeNull();
    expect(normalizeCode('short', 4)).toBeNull();
  });
  it('masks names', () => {
    expect(maskName('王小明')).toBe('王*明');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskName('王明')).toBe('王*');
  });
});

describe('parseRange', () => {
  it('reads single byte ranges', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=0-5000', 1000)).toEqual({ start: 0, end: 999 });
  });
  it('serves the whole file for none or several ranges; 416 past the end', () => {
    expect(parseRange(undefined, 10)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 10)).toBeNull();
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
  });
});
