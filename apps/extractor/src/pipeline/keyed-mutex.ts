/** Runs tasks one at a time per key (here: per memory scope) and concurrently across keys. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const tail = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => tail);
    this.tails.set(key, chained);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === chained) this.tails.delete(key);
    }
  }

  get size(): number {
    return this.tails.size;
  }
}
