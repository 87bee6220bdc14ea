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
  /** `events`: the rows the commit wrote, in their order (seq order within the commit). */
  onCommitted(listener: (events: PendingEvent[]) => void): () => void;
}

type BatchOutcome = 'drained' | 'more' | 'unavailable';
type RowResult = { status: 'sent' } | { status: 'refused' | 'failed'; error: string };

const firstBackoffMs = 250;
const pruneEveryMs = 60_000;
const pruneChunk = 5000;
const timerMarginMs = 10;
// Rows handed over beyond this many batches are left to a claim (a relay that fell behind).
const handedLimit = 10;

/**
 * Publishes outbox rows to JetStream after commit, in seq order, each with `Nats-Msg-Id` = its id,
 * then marks them sent. A local commit hands its rows over, so they are published as they are and
 * marked sent in one statement, without a claim (a transaction that reads and locks them again);
 * anything else goes through a claim in seq order: the rows of crashed instances (the poll),
 * everything after a failed publish, and a commit's rows while a claim is owed. A row published
 * twice (a claim racing the hand-over) is stored once: JetStream drops the repeated message id.
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
  // Rows local commits handed over, in commit order; a claim pass is owed until one has drained
  // the table (at start, on the poll, after a failed publish).
  private handed: PendingEvent[] = [];
  private claimOwed = true;
  private lastClaimAt = 0;

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
    this.unsubscribe = this.signal.onCommitted((events) => this.committed(events));
    this.claimOwed = true;
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

  private committed(events: PendingEvent[]): void {
    if (this.options.relayDelayMs === 0) {
      // While NATS fails a claim is owed anyway; the rows wait in the table, not in memory.
      if (this.failures > 0) return;
      if (this.handed.length + events.length > handedLimit * this.options.batchSize) {
        this.handed = [];
        this.claimOwed = true;
      } else {
        this.handed.push(...events);
      }
      return this.wake();
    }
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
    this.pollTimer = setTimeout(() => {
      this.claimOwed = true;
      this.trigger();
    }, wait);
    this.pollTimer.unref();
  }

  private async run(): Promise<void> {
    try {
      do {
        this.rerun = false;
        // A claim at least once a poll period also under steady load, for crashed instances' rows.
        if (Date.now() - this.lastClaimAt >= this.options.pollMs) this.claimOwed = true;
        const outcome =
          this.claimOwed || this.handed.length === 0
            ? await this.relayBatch()
            : await this.relayHanded();
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
      this.handed = [];
      this.claimOwed = true;
      this.logger.error({ err, failures: this.failures }, 'outbox relay pass failed');
    }
  }

  private async relayBatch(): Promise<BatchOutcome> {
    const { batchSize, relayDelayMs } = this.options;
    const createdBefore = relayDelayMs > 0 ? new Date(Date.now() - relayDelayMs) : undefined;
    this.lastClaimAt = Date.now();
    const outcome = await this.store.claimBatch(
      { limit: batchSize, createdBefore },
      async (batch) => {
        const outcome = await this.publishRows(batch);
        if (outcome !== 'drained') return outcome;
        return batch.rows.length < batchSize ? 'drained' : 'more';
      },
    );
    if (outcome === 'drained') this.claimOwed = false;
    // Rows handed over and not in the claim come after it.
    return outcome === 'drained' && this.handed.length > 0 ? 'more' : outcome;
  }

  /**
   * Publishes the rows commits handed over, in order, and marks the published ones sent; at the
   * first that fails, the rest wait for a claim, which publishes them in seq order (and backs off,
   * or marks a refused row done, as for any row).
   */
  private async relayHanded(): Promise<BatchOutcome> {
    const rows = this.handed.splice(0, this.options.batchSize);
    const sent: string[] = [];
    for (const row of rows) {
      const result = await this.publishOne(row, false);
      if (result.status !== 'sent') {
        this.handed = [];
        this.claimOwed = true;
        break;
      }
      sent.push(row.id);
    }
    if (sent.length > 0) await this.store.markSent(sent);
    return this.handed.length > 0 || this.claimOwed ? 'more' : 'drained';
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
    // Rows of this claim that a commit also handed over are not published twice.
    if (this.handed.length > 0) {
      const claimed = new Set(batch.rows.map((row) => row.id));
      this.handed = this.handed.filter((row) => !claimed.has(row.id));
    }
    return outcome;
  }

  /** `logged`: false where a claim will try the row again, so a failure is not counted yet. */
  private async publishOne(row: PendingEvent, logged = true): Promise<RowResult> {
    try {
      const { duplicate } = await this.publisher.publish(row.subject, row.payload, row.id);
      this.count(duplicate ? 'duplicate' : 'published');
      return { status: 'sent' };
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      if (!logged) return { status: 'failed', error };
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
