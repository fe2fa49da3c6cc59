import { LatestByKey } from './latest-by-key';

describe('LatestByKey', () => {
  it('keeps the latest value per key, ordered by latest change, and empties on drain', () => {
    const c = new LatestByKey<number>();
    c.put('a', 10);
    c.put('b', 5);
    c.put('a', 9);
    c.put('a', 8);
    expect(c.size).toBe(2);
    expect(c.drain()).toEqual([5, 8]);
    expect(c.size).toBe(0);
    expect(c.drain()).toEqual([]);
  });
});
