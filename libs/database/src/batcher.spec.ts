import { Batcher } from './batcher';

describe('Batcher', () => {
  it('sends what arrives in one turn together, and what arrives while busy as the next batch', async () => {
    const seen: number[][] = [];
    let release: () => void = () => undefined;
    const b = new Batcher<number, string>(
      async (items) => {
        seen.push(items);
        if (seen.length === 1) await new Promise<void>((r) => (release = r));
        return items.map((i) => `r${i}`);
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const first = [b.submit(1), b.submit(2)];
    await new Promise((r) => setImmediate(r));
    const later = [b.submit(3), b.submit(4), b.submit(5)];
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([[1, 2]]); // one in flight: 3-5 wait
    release();
    expect(await Promise.all([...first, ...later])).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(seen).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('never sends more than maxBatch items or runs more than maxInFlight batches at once', async () => {
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    const b = new Batcher<number, number>(
      async (items) => {
        running++;
        most = Math.max(most, running);
        sizes.push(items.length);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        return items.map((i) => i * 2);
      },
      { maxBatch: 3, maxInFlight: 2 },
    );
    const out = await Promise.all(Array.from({ length: 10 }, (_, i) => b.submit(i)));
    expect(out).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, n) => a + n, 0)).toBe(10);
    expect(most).toBe(2);
  });

  it('fails only the batch whose run failed, and keeps serving afterwards', async () => {
    let calls = 0;
    const b = new Batcher<string, string>(
      (items) => (++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve(items)),
      { maxBatch: 10, maxInFlight: 1 },
    );
    const failed = Promise.allSettled([b.submit('a'), b.submit('b')]);
    expect((await failed).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(b.submit('c')).resolves.toBe('c');
  });

  it('refuses a run that answers the wrong number of items', async () => {
    const b = new Batcher<number, number>(() => Promise.resolve([1]), { maxBatch: 10, maxInFlight: 1 });
    await expect(Promise.all([b.submit(1), b.submit(2)])).rejects.toThrow('1 results for 2 items');
  });
});
