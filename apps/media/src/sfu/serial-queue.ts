/** Runs tasks one after another (mediasoup-demo's AwaitQueue, in a few lines). */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  push<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task);
    // the queue goes on whatever this task does; the caller sees its own result
    this.tail = run.catch(() => undefined);
    return run;
  }
}
