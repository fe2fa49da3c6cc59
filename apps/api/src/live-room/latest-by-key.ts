/**
 * Keeps only the latest value per key until drained: a burst of a thousand stock changes of one
 * product becomes one message carrying the newest number.
 */
export class LatestByKey<T> {
  private pending = new Map<string, T>();

  put(key: string, value: T): void {
    // re-inserting moves the key to the end, so drain() lists keys by their latest change
    this.pending.delete(key);
    this.pending.set(key, value);
  }

  drain(): T[] {
    const values = [...this.pending.values()];
    this.pending = new Map();
    return values;
  }

  get size(): number {
    return this.pending.size;
  }
}
