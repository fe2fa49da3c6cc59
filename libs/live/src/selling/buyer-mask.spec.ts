import { maskBuyerName } from './buyer-mask';

describe('maskBuyerName', () => {
  it('keeps the first character only', () => {
    expect(maskBuyerName('王阿姨')).toBe('王**');
    expect(maskBuyerName('  Li Wei ')).toBe('L**');
  });

  it('keeps a whole character outside the basic plane and hides short names too', () => {
    expect(maskBuyerName('𠀋小明')).toBe('𠀋**');
    expect(maskBuyerName('王')).toBe('王**');
    expect(maskBuyerName('')).toBe('**');
  });
});
