import { mapInSequence } from './in-sequence';

describe('mapInSequence', () => {
  it('starts each item only after the previous one finished, and keeps the order', async () => {
    const log: string[] = [];
    const out = await mapInSequence([30, 0, 10], async (ms, i) => {
      log.push(`start ${i}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${i}`);
      return ms * 2;
    });
    expect(out).toEqual([60, 0, 20]);
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('stops at the first failure', async () => {
    const seen: number[] = [];
    await expect(
      mapInSequence([1, 2, 3], async (n) => {
        seen.push(n);
        if (n === 2) throw new Error('two');
        return n;
      }),
    ).rejects.toThrow('two');
    expect(seen).toEqual([1, 2]);
  });
});
