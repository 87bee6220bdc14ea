export interface MicroBatcherOptions<I, O> {
  /** Runs one batch; must answer one output per input, in the same order. */
  run: (inputs: I[]) => Promise<O[]>;
  /** Most inputs in one batch; a full batch is sent at once. */
  maxBatch: number;
  /**
   * How long the first queued input waits for company while an earlier batch is still running.
   * With none running, nothing is gained by waiting: the batch leaves at the end of the event
   * loop's turn, with whatever was submitted during it.
   */
  maxWaitMs: number;
}

interface Pending<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (err: unknown) => void;
}

/**
 * Merges inputs submitted close together into batches, so concurrent callers share one
 * round trip; each caller gets back exactly the outputs of its own inputs. Batches form under
 * load only: an input that finds no batch running is sent at the end of the current turn.
 */
export class MicroBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private running = 0;

  constructor(private readonly options: MicroBatcherOptions<I, O>) {
    if (!Number.isInteger(options.maxBatch) || options.maxBatch < 1) {
      throw new RangeError(`maxBatch must be a positive integer, got ${options.maxBatch}`);
    }
    if (!(options.maxWaitMs >= 0)) {
      throw new RangeError(`maxWaitMs must be zero or more, got ${options.maxWaitMs}`);
    }
  }

  /** Inputs waiting for their batch to be sent. */
  get queued(): number {
    return this.queue.length;
  }

  submit(inputs: readonly I[]): Promise<O[]> {
    return Promise.all(inputs.map((input) => this.enqueue(input)));
  }

  private enqueue(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.queue.length >= this.options.maxBatch) this.flushFull();
      else if (this.running === 0) this.immediate ??= setImmediate(() => this.flush());
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
    });
  }

  private flushFull(): void {
    while (this.queue.length >= this.options.maxBatch) {
      this.send(this.queue.splice(0, this.options.maxBatch));
    }
    if (this.queue.length === 0) this.clearScheduled();
  }

  private flush(): void {
    this.clearScheduled();
    const batch = this.queue;
    this.queue = [];
    if (batch.length > 0) this.send(batch);
  }

  private clearScheduled(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    clearImmediate(this.immediate);
    this.immediate = undefined;
  }

  private send(batch: Pending<I, O>[]): void {
    this.running += 1;
    void this.runBatch(batch)
      .finally(() => {
        this.running -= 1;
      })
      .then(
        (outputs) => batch.forEach((pending, i) => pending.resolve(outputs[i])),
        (err: unknown) => batch.forEach((pending) => pending.reject(err)),
      );
  }

  private async runBatch(batch: Pending<I, O>[]): Promise<O[]> {
    const outputs = await this.options.run(batch.map((pending) => pending.input));
    if (outputs.length !== batch.length) {
      throw new Error(`batch of ${batch.length} inputs answered ${outputs.length} outputs`);
    }
    return outputs;
  }
}
