import type { Logger } from '@mnemo/observability';
import { PublishRefusedError, type EventPublisher } from './memory-events.publisher';
import type { ClaimedBatch, OutboxStore, PendingEvent } from './outbox.repository';

export interface OutboxRelayOptions {
  /** safety net for rows a crashed instance committed but never published */
  pollMs: number;
  batchSize: number;
  /** test-only: publish no row younger than this, to open a crash window after commit */
  relayDelayMs: number;
  /** sent rows are deleted once older than this */
  retentionMs: number;
  /** the longest pause between attempts while NATS fails */
  maxBackoffMs: number;
}

export type RelayOutcome = 'published' | 'duplicate' | 'refused' | 'failed';

export interface CommitSignal {
  onCommitted(listener: () => void): () => void;
}

type BatchOutcome = 'drained' | 'more' | 'unavailable';
type RowResult = { status: 'sent' } | { status: 'refused' | 'failed'; error: string };

const firstBackoffMs = 250;
const pruneEveryMs = 60_000;
const pruneChunk = 5000;
const timerMarginMs = 10;

/**
 * Publishes outbox rows to JetStream after commit, in seq order, each with `Nats-Msg-Id` = its id,
 * then marks them sent. Wakes on every local commit and polls for rows left by crashed instances.
 */
export class OutboxRelay {
  private pollTimer?: NodeJS.Timeout;
  private readonly delayTimers = new Set<NodeJS.Timeout>();
  private running?: Promise<void>;
  private rerun = false;
  private failures = 0;
  private stopped = true;
  private lastPruneAt = 0;
  private unsubscribe?: () => void;

  constructor(
    private readonly store: OutboxStore,
    private readonly publisher: EventPublisher,
    private readonly signal: CommitSignal,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions,
    private readonly count: (outcome: RelayOutcome) => void = () => undefined,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    await this.publisher.ensureStream();
    this.stopped = false;
    this.unsubscribe = this.signal.onCommitted(() => this.committed());
    this.trigger();
  }

  /** Finishes the batch in flight, then stops; unsent rows wait for the next relay. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.pollTimer);
    for (const timer of this.delayTimers) clearTimeout(timer);
    this.delayTimers.clear();
    await this.running;
  }

  private committed(): void {
    if (this.options.relayDelayMs === 0) return this.wake();
    // A timer may fire a millisecond before the wall clock has moved the full delay: the margin
    // keeps the row it was set for from falling just short of the claim's cut-off.
    const timer = setTimeout(() => {
      this.delayTimers.delete(timer);
      this.wake();
    }, this.options.relayDelayMs + timerMarginMs);
    this.delayTimers.add(timer);
  }

  /** A commit's wake-up; while NATS fails, only the backoff timer retries. */
  private wake(): void {
    if (this.failures === 0) this.trigger();
  }

  private trigger(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    clearTimeout(this.pollTimer);
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.rerun && this.failures === 0) this.trigger();
      else this.schedule();
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    const wait = this.failures > 0 ? this.backoffMs() : this.options.pollMs;
    this.pollTimer = setTimeout(() => this.trigger(), wait);
    this.pollTimer.unref();
  }

  private async run(): Promise<void> {
    try {
      do {
        this.rerun = false;
        const outcome = await this.relayBatch();
        if (outcome === 'unavailable') {
          this.failures += 1;
          return;
        }
        this.failures = 0;
        if (outcome === 'more') this.rerun = true;
      } while (this.rerun && !this.stopped);
      await this.pruneIfDue();
    } catch (err) {
      this.failures += 1;
      this.logger.error({ err, failures: this.failures }, 'outbox relay pass failed');
    }
  }

  private relayBatch(): Promise<BatchOutcome> {
    const { batchSize, relayDelayMs } = this.options;
    const createdBefore = relayDelayMs > 0 ? new Date(Date.now() - relayDelayMs) : undefined;
    return this.store.claimBatch({ limit: batchSize, createdBefore }, async (batch) => {
      const outcome = await this.publishRows(batch);
      if (outcome !== 'drained') return outcome;
      return batch.rows.length < batchSize ? 'drained' : 'more';
    });
  }

  private async publishRows(batch: ClaimedBatch): Promise<BatchOutcome> {
    const sent: string[] = [];
    let outcome: BatchOutcome = 'drained';
    for (const row of batch.rows) {
      const result = await this.publishOne(row);
      if (result.status === 'sent') {
        sent.push(row.id);
        continue;
      }
      await batch.markFailed(row.id, result.error, result.status === 'refused');
      if (result.status === 'failed') {
        outcome = 'unavailable';
        break;
      }
    }
    await batch.markSent(sent);
    return outcome;
  }

  private async publishOne(row: PendingEvent): Promise<RowResult> {
    try {
      const { duplicate } = await this.publisher.publish(row.subject, row.payload, row.id);
      this.count(duplicate ? 'duplicate' : 'published');
      return { status: 'sent' };
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      if (err instanceof PublishRefusedError) {
        // Retrying cannot help, and a stuck row would hold back every project's events.
        this.count('refused');
        this.logger.error({ id: row.id, subject: row.subject, error }, 'NATS refused an event');
        return { status: 'refused', error };
      }
      this.count('failed');
      this.logger.warn({ id: row.id, failures: this.failures + 1, error }, 'event not published');
      return { status: 'failed', error };
    }
  }

  private backoffMs(): number {
    const exponential = firstBackoffMs * 2 ** Math.min(this.failures - 1, 16);
    const capped = Math.min(this.options.maxBackoffMs, exponential);
    // Jitter keeps several instances from retrying in step.
    return Math.round(capped * (0.5 + Math.random() / 2));
  }

  private async pruneIfDue(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPruneAt < pruneEveryMs) return;
    this.lastPruneAt = now;
    try {
      const sentBefore = new Date(now - this.options.retentionMs);
      let deleted: number;
      do {
        deleted = await this.store.pruneSent(sentBefore, pruneChunk);
      } while (deleted === pruneChunk && !this.stopped);
    } catch (err) {
      this.logger.warn({ err }, 'could not prune sent outbox rows');
    }
  }
}
