import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { memoryEventSchema, streams } from '@mnemo/contracts';
import type { JobQueue } from '@mnemo/messaging';
import type { Logger } from '@mnemo/observability';
import type { DeliveryFanOut } from './delivery-fan-out';

export const dispatcherDurable = 'webhook-dispatcher';

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
      for await (const msg of messages) await this.handle(msg);
    } catch (err) {
      this.logger.error({ err }, 'memory events consumer stopped');
    }
  }

  private async handle(msg: JsMsg): Promise<void> {
    const parsed = memoryEventSchema.safeParse(safeJson(msg));
    if (!parsed.success) {
      this.logger.error({ subject: msg.subject }, 'malformed memory event dropped');
      // No reason text: nats-server 2.9 ignores a +TERM that carries one.
      msg.term();
      return;
    }
    try {
      await this.fanOut.enqueue(parsed.data);
      msg.ack();
    } catch (err) {
      this.logger.warn({ err, eventId: parsed.data.event_id }, 'deliveries not stored; will retry');
      msg.nak(this.options.retryMs);
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
