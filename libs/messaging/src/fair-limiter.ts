import { DomainError } from '@mnemo/contracts';

export interface FairLimiterOptions {
  /** tasks running at once, over every key */
  concurrency: number;
  /** tasks of one key (project) running at once */
  perKey: number;
  /** tasks of one key waiting at once; more are refused at once with `rate_limited` */
  maxQueuedPerKey: number;
}

interface Waiter {
  start: () => void;
  timer?: NodeJS.Timeout;
}

/**
 * Per-key concurrency with round-robin hand-off: a key over its share waits while other keys'
 * tasks go first, and a key whose queue is full is refused quickly instead of queueing for ever.
 */
export class FairLimiter {
  private running = 0;
  private readonly active = new Map<string, number>();
  // Insertion order is the round-robin order; a served key moves to the back.
  private readonly waiting = new Map<string, Waiter[]>();

  constructor(private readonly options: FairLimiterOptions) {}

  /** Runs `task` when `key` has a free slot; gives up with `timeout` once `deadline` passes. */
  async run<T>(key: string, task: () => Promise<T>, deadline?: number): Promise<T> {
    // A waiter is handed its slot by `startNext`, already acquired.
    if (this.canStart(key)) this.acquire(key);
    else await this.wait(key, deadline);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  /** Running and waiting tasks, for metrics and tests. */
  stats(key?: string): { running: number; waiting: number } {
    if (key === undefined) {
      let waiting = 0;
      for (const queue of this.waiting.values()) waiting += queue.length;
      return { running: this.running, waiting };
    }
    return { running: this.active.get(key) ?? 0, waiting: this.waiting.get(key)?.length ?? 0 };
  }

  private canStart(key: string): boolean {
    return (
      this.running < this.options.concurrency &&
      (this.active.get(key) ?? 0) < this.options.perKey &&
      !this.waiting.has(key)
    );
  }

  private wait(key: string, deadline?: number): Promise<void> {
    const queue = this.waiting.get(key) ?? [];
    if (queue.length >= this.options.maxQueuedPerKey) {
      return Promise.reject(
        new DomainError('rate_limited', 'Too many concurrent requests for this project.', true),
      );
    }
    this.waiting.set(key, queue);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { start: resolve };
      if (deadline !== undefined) {
        waiter.timer = setTimeout(
          () => {
            this.forget(key, waiter);
            reject(new DomainError('timeout', 'The request expired while queued.', true));
          },
          Math.max(0, deadline - Date.now()),
        );
      }
      queue.push(waiter);
    });
  }

  private acquire(key: string): void {
    this.running += 1;
    this.active.set(key, (this.active.get(key) ?? 0) + 1);
  }

  private release(key: string): void {
    this.running -= 1;
    const left = (this.active.get(key) ?? 1) - 1;
    if (left === 0) this.active.delete(key);
    else this.active.set(key, left);
    // The key that just had a turn goes behind every other waiting key.
    const queue = this.waiting.get(key);
    if (queue) {
      this.waiting.delete(key);
      this.waiting.set(key, queue);
    }
    this.startNext();
  }

  // The first key in round-robin order that has a free slot gets one.
  private startNext(): void {
    if (this.running >= this.options.concurrency) return;
    for (const [key, queue] of this.waiting) {
      if ((this.active.get(key) ?? 0) >= this.options.perKey) continue;
      const waiter = queue.shift()!;
      this.waiting.delete(key);
      if (queue.length > 0) this.waiting.set(key, queue);
      clearTimeout(waiter.timer);
      // Taken now, so a task arriving before the waiter resumes cannot take it.
      this.acquire(key);
      waiter.start();
      return;
    }
  }

  private forget(key: string, waiter: Waiter): void {
    const queue = this.waiting.get(key);
    if (!queue) return;
    const index = queue.indexOf(waiter);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.waiting.delete(key);
  }
}
