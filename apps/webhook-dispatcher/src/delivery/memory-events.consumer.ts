import { setImmediate as nextTurnOfTheLoop } from 'node:timers/promises';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { memoryEventSchema, streams, type MemoryEventPayload } from '@mnemo/contracts';
import type { JobQueue } from '@mnemo/messaging';
import type { Logger } from '@mnemo/observability';
import type { DeliveryFanOut } from './delivery-fan-out';

export const dispatcherDurable = 'webhook-dispatcher';
/** Events fanned out together at most (the consumer pulls 64 at a time). */
const maxBatch = 64;

export interface MemoryEventsConsumerOptions {
  ackWaitMs: number;
  /** pause before trying again when the stream is missing or the database fails */
  retryMs: number;
}

/**
 * The durable consumer every instance shares: an event is acked only once its deliveries are
 * stored, so a crash before that makes JetStream hand it out again.
 */
export class MemoryEventsConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly jobs: JobQueue,
    private readonly fanOut: DeliveryFanOut,
    private readonly logger: Logger,
    private readonly options: MemoryEventsConsumerOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.startWhenReady();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.messages?.close();
    await this.loop;
  }

  // The vector-store creates the stream; until it exists, keep trying in the background.
  private startWhenReady(): void {
    this.start().catch((err: unknown) => {
      if (this.stopped) return;
      this.logger.warn({ err: String(err) }, 'memory events consumer not ready; retrying');
      this.retryTimer = setTimeout(() => this.startWhenReady(), this.options.retryMs);
    });
  }

  private async start(): Promise<void> {
    const messages = await this.jobs.openConsumer(
      streams.memoryEvents,
      {
        durable: dispatcherDurable,
        filterSubject: streams.memoryEvents.subjects[0],
        ackWaitMs: this.options.ackWaitMs,
        maxAckPending: 1000,
      },
      64,
    );
    if (this.stopped) {
      await messages.close();
      return;
    }
    this.messages = messages;
    this.loop = this.run(messages);
    this.logger.info({ durable: dispatcherDurable }, 'consuming memory events');
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    try {
      const iterator = messages[Symbol.asyncIterator]();
      // A next message asked for and not yet arrived: the following batch starts with it.
      let waiting: Promise<IteratorResult<JsMsg>> | undefined;
      for (;;) {
        const first = await (waiting ?? iterator.next());
        waiting = undefined;
        if (first.done) return;
        // With it, the events already here (they come before the next turn of the loop): one
        // webhook query and one insert for all of them.
        const batch = [first.value];
        let ended = false;
        while (batch.length < maxBatch) {
          const next = iterator.next();
          const ready = await Promise.race([next, nextTurnOfTheLoop()]);
          if (!ready) {
            waiting = next;
            break;
          }
          if (ready.done) {
            ended = true;
            break;
          }
          batch.push(ready.value);
        }
        await this.handle(batch);
        if (ended) return;
      }
    } catch (err) {
      this.logger.error({ err }, 'memory events consumer stopped');
    }
  }

  private async handle(batch: JsMsg[]): Promise<void> {
    const valid: { msg: JsMsg; event: MemoryEventPayload }[] = [];
    for (const msg of batch) {
      const parsed = memoryEventSchema.safeParse(safeJson(msg));
      if (parsed.success) {
        valid.push({ msg, event: parsed.data });
        continue;
      }
      this.logger.error({ subject: msg.subject }, 'malformed memory event dropped');
      // No reason text: nats-server 2.9 ignores a +TERM that carries one.
      msg.term();
    }
    if (valid.length === 0) return;
    try {
      await this.fanOut.enqueueAll(valid.map(({ event }) => event));
      for (const { msg } of valid) msg.ack();
    } catch (err) {
      const eventIds = valid.map(({ event }) => event.event_id);
      this.logger.warn({ err, eventIds }, 'deliveries not stored; will retry');
      for (const { msg } of valid) msg.nak(this.options.retryMs);
    }
  }
}

function safeJson(msg: JsMsg): unknown {
  try {
    return msg.json();
  } catch {
    return undefined;
  }
}
