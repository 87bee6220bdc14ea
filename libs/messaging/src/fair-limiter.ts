import { DomainError } from '@mnemo/contracts';

export interface FairLimiterOptions {
  /** tasks running at once, over every key; a key alone may use them all */
  concurrency: number;
  /** tasks of one key (project) running at once while another key is present */
  perKey: number;
  /** tasks of one key waiting at once; more are refused at once with `rate_limited` */
  maxQueuedPerKey: number;
  /** how long after its last task a key still counts as present (default 1 s) */
  presenceMs?: number;
  /**
   * Rest a key after each task while others are present (default true): right where a slot is CPU
   * time on this event loop; wrong where tasks mostly wait on other services (the gateway).
   */
  restAfterTask?: boolean;
}

interface Waiter {
  start: () => void;
  timer?: NodeJS.Timeout;
}

/**
 * Per-key concurrency with round-robin hand-off. A key alone may use every slot; once another key
 * is present it is held to its share and, after each task, rests as long as that task ran (on one
 * event loop a slot is CPU time: this leaves the others at least half of it). It waits while the
 * others' tasks go first, and is refused quickly when its queue is full.
 */
export class FairLimiter {
  private running = 0;
  private readonly active = new Map<string, number>();
  // When each key last started or finished a task: a key seen recently is still present.
  private readonly seen = new Map<string, number>();
  // Until when a key rests after a task while others are present: half of a slot's time at most.
  private readonly resting = new Map<string, number>();
  // Insertion order is the round-robin order; a served key moves to the back.
  private readonly waiting = new Map<string, Waiter[]>();

  constructor(private readonly options: FairLimiterOptions) {}

  /** Runs `task` when `key` has a free slot; gives up with `timeout` once `deadline` passes. */
  async run<T>(key: string, task: () => Promise<T>, deadline?: number): Promise<T> {
    // A waiter is handed its slot by `startNext`, already acquired.
    if (this.canStart(key)) this.acquire(key);
    else await this.wait(key, deadline);
    const started = Date.now();
    try {
      return await task();
    } finally {
      this.release(key, Date.now() - started);
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
    return !this.waiting.has(key) && this.hasSlot(key);
  }

  private hasSlot(key: string): boolean {
    if (this.running >= this.options.concurrency) return false;
    if (!this.othersPresent(key)) return true;
    const rested = (this.resting.get(key) ?? 0) <= Date.now();
    return rested && (this.active.get(key) ?? 0) < this.options.perKey;
  }

  private othersPresent(key: string): boolean {
    const since = Date.now() - (this.options.presenceMs ?? 1000);
    for (const [other, at] of this.seen) {
      if (other === key) continue;
      if (this.active.has(other) || this.waiting.has(other) || at > since) return true;
      this.seen.delete(other);
    }
    return false;
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
    this.seen.set(key, Date.now());
    this.running += 1;
    this.active.set(key, (this.active.get(key) ?? 0) + 1);
  }

  private release(key: string, ranMs: number): void {
    this.seen.set(key, Date.now());
    if (this.options.restAfterTask !== false && ranMs > 0 && this.othersPresent(key)) {
      this.resting.set(key, Date.now() + ranMs);
      setTimeout(() => this.startNext(), ranMs + 1).unref();
    } else {
      this.resting.delete(key);
    }
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
    for (const [key, queue] of this.waiting) {
      if (!this.hasSlot(key)) continue;
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
