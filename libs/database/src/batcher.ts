export interface BatcherOptions {
  /** most items one call of `run` gets */
  maxBatch: number;
  /** most calls of `run` at once; items arriving while all are busy wait and form the next batch */
  maxInFlight: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit (and batched loading): items submitted while earlier batches are still in flight go
 * together to one call of `run`, so under a rush the database sees a few large statements instead
 * of one per item, and at rest an item goes out alone on the next turn of the event loop (no
 * timer, no added latency). `run` answers every item of its batch, in order; when it throws,
 * every item of that batch gets the error, so a `run` that must not let one item sink the others
 * handles that itself.
 */
export class Batcher<T, R> {
  private readonly queue: Waiting<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly opts: BatcherOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Waits for the next check phase, so every request parsed in this turn joins the batch. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.opts.maxInFlight || !this.queue.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.opts.maxInFlight && this.queue.length) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.schedule();
      });
    }
  }

  private async send(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((w) => w.item));
      if (results.length !== batch.length)
        throw new Error(`batcher: ${results.length} results for ${batch.length} items`);
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }
}
