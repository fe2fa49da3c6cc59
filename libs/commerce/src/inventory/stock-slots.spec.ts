import { splitIntoSlots, takeAcross } from './stock-slots';

describe('stock slots', () => {
  it('splits stock evenly and keeps the total', () => {
    expect(splitIntoSlots(100).reduce((a, b) => a + b, 0)).toBe(100);
    expect(splitIntoSlots(3, 4)).toEqual([1, 1, 1, 0]);
    expect(splitIntoSlots(0, 2)).toEqual([0, 0]);
  });

  it('takes across slots only when they hold enough together', () => {
    const slots = [
      { slot: 0, qty: 1 },
      { slot: 1, qty: 2 },
      { slot: 2, qty: 0 },
    ];
    expect(takeAcross(slots, 4)).toBeNull();
    expect([...takeAcross(slots, 3)!.entries()].sort()).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
});
