/** Tracks handler promises so shutdown can wait for work already started. */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  get size(): number {
    return this.pending.size;
  }

  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    const forget = () => this.pending.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  /** Resolves when any tracked promise settles (at once when none is pending). */
  async any(): Promise<void> {
    if (this.pending.size === 0) return;
    await Promise.race([...this.pending].map((promise) => promise.then(noop, noop)));
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.allSettled([...this.pending]);
    }
  }
}

function noop(): void {}
