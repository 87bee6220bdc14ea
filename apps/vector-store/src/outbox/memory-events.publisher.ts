import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect, InvalidArgumentError, type NatsConnection } from '@nats-io/transport-node';
import { streams } from '@mnemo/contracts';
import { JobQueue, natsConnectionOptions } from '@mnemo/messaging';
import type { Logger } from '@mnemo/observability';

/** NATS refused this one message (e.g. above max_payload): publishing it again cannot succeed. */
export class PublishRefusedError extends Error {
  override readonly name = 'PublishRefusedError';
}

/** What the relay needs from NATS; `MemoryEventsPublisher` is the JetStream one. */
export interface EventPublisher {
  ensureStream(): Promise<void>;
  publish(subject: string, payload: string, msgId: string): Promise<{ duplicate: boolean }>;
}

export interface MemoryEventsStreamOptions {
  maxAgeMs: number;
  /** must cover the relay's retry horizon, so a republished event is stored once */
  duplicateWindowMs: number;
  replicas: number;
}

export interface PublisherOptions {
  url: string;
  /** the connection's name as the NATS server shows it */
  name: string;
  stream: MemoryEventsStreamOptions;
  publishTimeoutMs: number;
  logger: Logger;
}

/**
 * Publishes memory events on a connection of its own, so the relay can finish its batch after the
 * service's shared bus has drained at shutdown.
 */
export class MemoryEventsPublisher implements EventPublisher {
  private streamReady = false;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly js: JetStreamClient,
    /** sets the stream up the way every Mnemo stream is, on this connection */
    private readonly setup: JobQueue,
    private readonly options: PublisherOptions,
  ) {}

  static async connect(options: PublisherOptions): Promise<MemoryEventsPublisher> {
    const connection = await connect({
      ...natsConnectionOptions(options.url),
      name: options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    const setup = await JobQueue.create(connection, options.logger, undefined, {
      replicas: options.stream.replicas,
    });
    return new MemoryEventsPublisher(connection, jetstream(connection), setup, options);
  }

  /** Creates the stream, or brings an existing one to the configured limits. */
  async ensureStream(): Promise<void> {
    const { maxAgeMs, duplicateWindowMs } = this.options.stream;
    await this.setup.ensureStream(streams.memoryEvents, { maxAgeMs, duplicateWindowMs });
    this.streamReady = true;
  }

  async publish(subject: string, payload: string, msgId: string): Promise<{ duplicate: boolean }> {
    if (!this.streamReady) await this.ensureStream();
    try {
      const ack = await this.js.publish(subject, payload, {
        msgID: msgId,
        timeout: this.options.publishTimeoutMs,
        expect: { streamName: streams.memoryEvents.name },
      });
      return { duplicate: ack.duplicate };
    } catch (err) {
      if (err instanceof InvalidArgumentError) throw new PublishRefusedError(err.message);
      // The stream may be gone (or NATS restarted empty): check it before the next attempt.
      this.streamReady = false;
      throw err;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection.isClosed()) return;
    await this.connection.drain().catch((err: unknown) => {
      this.options.logger.warn({ err }, 'memory events connection did not drain');
    });
  }
}
