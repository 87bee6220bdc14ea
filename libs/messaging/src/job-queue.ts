import {
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { z } from 'zod';
import {
  busHeaders,
  DomainError,
  isDomainError,
  type MessageContract,
  type MessageInputOf,
  type MessageOf,
  type StreamDefinition,
} from '@mnemo/contracts';
import {
  extractTraceContext,
  injectTraceContext,
  markFailed,
  SpanKind,
  withSpan,
  type Logger,
  type ServiceMetrics,
  type Span,
} from '@mnemo/observability';
import { currentBusContext, runWithBusContext } from './bus-context';
import { watchConsumerLag } from './consumer-lag.metrics';
import { decodeJson, encodeJson } from './codec';
import { FairLimiter } from './fair-limiter';
import { InFlight } from './in-flight';
import {
  ensureConsumer,
  ensureStream,
  isTransientJetStreamError,
  retryTransient,
} from './jetstream-setup';
import { assertFitsPayload } from './payload-limit';
import {
  durableConsumerConfig,
  explainReplicaError,
  streamConfig,
  type DurableConsumerOptions,
  type StreamLimits,
} from './stream-config';
import { headerReader, messagingAttributes } from './trace-headers';

type AnyMessage = MessageContract<z.ZodType>;

export interface ConsumerOptions {
  stream: StreamDefinition;
  durable: string;
  /** deliveries before the message is given up on */
  maxDeliver: number;
  /** delay before each redelivery; the last value repeats */
  backoffMs: number[];
  concurrency: number;
  ackWaitMs?: number;
  /** messages delivered and not yet acknowledged, over every instance (default 1000) */
  maxAckPending?: number;
}

/** Waits between attempts of a publish that failed for a passing reason (about 2 s in all). */
const PUBLISH_RETRY_DELAYS_MS = [100, 250, 500, 1000];

/**
 * The client reports a publish nobody took ("no responders": no stream leader has the subject at
 * this moment, as while a stream is recreated or its leader moves) as JetStream not enabled.
 */
function isTransientPublishError(err: unknown): boolean {
  return (
    isTransientJetStreamError(err) || (err instanceof Error && err.name === 'JetStreamNotEnabled')
  );
}

/** Caps the jobs of one key (a project) running at once; the others' jobs go first meanwhile. */
export interface Fairness<C extends AnyMessage> {
  keyOf: (payload: MessageOf<C>) => string;
  perKey: number;
}

// Jobs held (running or waiting their key's turn), per unit of concurrency.
const HELD_PER_SLOT = 2;

export interface JobInfo {
  deliveryCount: number;
  lastAttempt: boolean;
}

export type JobHandler<C extends AnyMessage> = (
  payload: MessageOf<C>,
  info: JobInfo,
) => Promise<void>;
/** Called once when a job will not be tried again, so it can be marked failed, never dropped. */
export type ExhaustedHandler<C extends AnyMessage> = (
  payload: MessageOf<C>,
  error: DomainError,
) => Promise<void>;

export interface JobQueueOptions {
  /** MNEMO_JETSTREAM_REPLICAS: replicas of every stream this queue creates */
  replicas?: number;
  /** false while NATS is unreachable: publishes then fail at once instead of timing out */
  connected?: () => boolean;
}

/** Durable work over JetStream: deduplicated publish, explicit ack, bounded redelivery with backoff. */
export class JobQueue {
  private readonly inFlight = new InFlight();
  private readonly running: ConsumerMessages[] = [];

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly logger: Logger,
    private readonly metrics?: ServiceMetrics,
    private readonly options: JobQueueOptions = {},
  ) {}

  static async create(
    nc: NatsConnection,
    logger: Logger,
    metrics?: ServiceMetrics,
    options: JobQueueOptions = {},
  ): Promise<JobQueue> {
    const jsm = await jetstreamManager(nc);
    return new JobQueue(nc, jetstream(nc), jsm, logger, metrics, options);
  }

  private get maxPayload(): number | undefined {
    return this.nc.info?.max_payload;
  }

  /** Creates one of Mnemo's streams, or brings an existing one to its configuration. */
  async ensureStream(stream: StreamDefinition, limits: StreamLimits = {}): Promise<void> {
    const replicas = this.options.replicas ?? 1;
    try {
      await ensureStream(this.jsm, streamConfig(stream, replicas, limits));
    } catch (err) {
      throw explainReplicaError(err, replicas, `the stream ${stream.name}`);
    }
  }

  /**
   * Pulls a stream's messages through a durable consumer, created or brought to `options` first.
   * The caller acknowledges each message and closes the iterator; `consume` does both for jobs.
   */
  async openConsumer(
    stream: { name: string },
    options: DurableConsumerOptions,
    batch: number,
  ): Promise<ConsumerMessages> {
    await ensureConsumer(this.jsm, stream.name, durableConsumerConfig(options));
    const consumer = await this.js.consumers.get(stream.name, options.durable);
    return consumer.consume({ max_messages: batch });
  }

  /** Publishes durably; the same msgId within the dedupe window is stored once. */
  publish<C extends AnyMessage>(
    contract: C,
    payload: MessageInputOf<C>,
    msgId: string,
  ): Promise<{ duplicate: boolean }> {
    return withSpan(
      `publish ${contract.subject}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: { ...messagingAttributes(contract.subject), 'messaging.message.id': msgId },
      },
      () => this.publishOnce(contract, payload, msgId),
    );
  }

  private async publishOnce<C extends AnyMessage>(
    contract: C,
    payload: MessageInputOf<C>,
    msgId: string,
  ): Promise<{ duplicate: boolean }> {
    if (this.options.connected?.() === false) {
      throw new DomainError('unavailable', `NATS is unreachable (reconnecting)`, true);
    }
    const hdrs = natsHeaders();
    const context = currentBusContext();
    if (context.requestId) hdrs.set(busHeaders.requestId, context.requestId);
    injectTraceContext(hdrs);
    const data = encodeJson(contract.schema.parse(payload));
    assertFitsPayload(data, this.maxPayload, `the job on ${contract.subject}`);
    // The message id makes a repeat harmless (JetStream drops it as a duplicate), so a publish that
    // timed out or met a stream without a leader for a moment is sent again before giving up.
    const ack = await retryTransient(
      `publishing ${contract.subject}`,
      () => this.js.publish(contract.subject, data, { msgID: msgId, headers: hdrs }),
      PUBLISH_RETRY_DELAYS_MS,
      isTransientPublishError,
    );
    return { duplicate: ack.duplicate };
  }

  async consume<C extends AnyMessage>(
    contract: C,
    options: ConsumerOptions,
    handler: JobHandler<C>,
    onExhausted: ExhaustedHandler<C>,
    fairness?: Fairness<C>,
  ): Promise<void> {
    const messages = await this.openConsumer(
      options.stream,
      {
        durable: options.durable,
        filterSubject: contract.subject,
        ackWaitMs: options.ackWaitMs ?? 60000,
        maxAckPending: options.maxAckPending ?? 1000,
        maxDeliver: options.maxDeliver + 1,
      },
      options.concurrency,
    );
    this.running.push(messages);
    this.watchConsumer(options.stream, options.durable);
    const run = fairHandler(handler, options.concurrency, fairness);
    const held = fairness ? options.concurrency * HELD_PER_SLOT : options.concurrency;
    const loop = async () => {
      const slots = new InFlight();
      for await (const msg of messages) {
        void slots.track(
          this.inFlight.track(this.handle(contract, options, msg, run, onExhausted)),
        );
        while (slots.size >= held) await slots.any();
      }
    };
    void loop().catch((err: unknown) => this.logger.error({ err }, 'consumer loop stopped'));
  }

  /** A durable consumer's backlog: messages not yet delivered, and delivered but not acknowledged. */
  async consumerLag(
    stream: StreamDefinition,
    durable: string,
  ): Promise<{ pending: number; ackPending: number }> {
    const info = await this.jsm.consumers.info(stream.name, durable);
    return { pending: info.num_pending, ackPending: info.num_ack_pending };
  }

  /**
   * Reports a durable consumer's pending, ack-pending and redelivered messages in
   * `mnemo_jetstream_consumer_messages` at every scrape (consumers this queue runs are watched
   * already; a service with a consumer of its own adds it here).
   */
  watchConsumer(stream: { name: string }, durable: string): void {
    if (!this.metrics) return;
    watchConsumerLag(this.metrics.registry, stream.name, durable, async () => {
      const info = await this.jsm.consumers.info(stream.name, durable);
      return {
        pending: info.num_pending,
        ackPending: info.num_ack_pending,
        redelivered: info.num_redelivered,
      };
    });
  }

  async stop(): Promise<void> {
    for (const messages of this.running) await messages.close();
    await this.inFlight.settled();
  }

  /** One delivery, in the request's bus context and, when tracing, a consumer span of its trace. */
  private handle<C extends AnyMessage>(
    contract: C,
    options: ConsumerOptions,
    msg: JsMsg,
    handler: JobHandler<C>,
    onExhausted: ExhaustedHandler<C>,
  ): Promise<void> {
    const requestId = msg.headers?.get(busHeaders.requestId) || undefined;
    const deliveryCount = msg.info.deliveryCount;
    if (deliveryCount > 1) {
      this.metrics?.jobsRedelivered.inc({ stream: options.stream.name, consumer: options.durable });
    }
    return runWithBusContext({ requestId }, () =>
      withSpan(
        `process ${contract.subject}`,
        {
          kind: SpanKind.CONSUMER,
          parent: extractTraceContext(headerReader(msg.headers)),
          attributes: {
            ...messagingAttributes(contract.subject),
            'messaging.consumer.group.name': options.durable,
            'messaging.nats.delivery_count': deliveryCount,
          },
        },
        (span) => this.handleOnce(contract, options, msg, handler, onExhausted, span),
      ),
    );
  }

  private async handleOnce<C extends AnyMessage>(
    contract: C,
    options: ConsumerOptions,
    msg: JsMsg,
    handler: JobHandler<C>,
    onExhausted: ExhaustedHandler<C>,
    span: Span | undefined,
  ): Promise<void> {
    const deliveryCount = msg.info.deliveryCount;
    const lastAttempt = deliveryCount >= options.maxDeliver;
    const parsed = contract.schema.safeParse(safeDecode(msg.data));
    if (!parsed.success) {
      this.logger.error(
        { subject: msg.subject, issues: parsed.error.issues },
        'malformed job dropped',
      );
      // No reason text: nats-server 2.9 ignores a +TERM that carries one, and redelivers the job.
      msg.term();
      return;
    }
    const payload = parsed.data as MessageOf<C>;
    const heartbeat = setInterval(
      () => msg.working(),
      Math.max(1000, (options.ackWaitMs ?? 60000) / 3),
    );
    try {
      await handler(payload, { deliveryCount, lastAttempt });
      msg.ack();
      this.metrics?.jobsHandled.inc({ subject: contract.subject, outcome: 'ok' });
    } catch (err) {
      markFailed(span, err);
      const error = isDomainError(err)
        ? err
        : new DomainError('internal', err instanceof Error ? err.message : String(err), true);
      await this.fail(contract, options, msg, payload, error, onExhausted, lastAttempt);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async fail<C extends AnyMessage>(
    contract: C,
    options: ConsumerOptions,
    msg: JsMsg,
    payload: MessageOf<C>,
    error: DomainError,
    onExhausted: ExhaustedHandler<C>,
    lastAttempt: boolean,
  ): Promise<void> {
    const deliveryCount = msg.info.deliveryCount;
    if (error.retryable && !lastAttempt) {
      const wait =
        options.backoffMs[Math.min(deliveryCount - 1, options.backoffMs.length - 1)] ?? 1000;
      this.logger.warn(
        { subject: msg.subject, deliveryCount, wait, err: error.message },
        'job will be retried',
      );
      msg.nak(wait);
      this.metrics?.jobsHandled.inc({ subject: contract.subject, outcome: 'retry' });
      return;
    }
    this.logger.error(
      { subject: msg.subject, deliveryCount, code: error.code, err: error.message },
      'job failed for good',
    );
    try {
      await onExhausted(payload, error);
      msg.term();
      this.metrics?.jobsHandled.inc({ subject: contract.subject, outcome: 'failed' });
    } catch (recordErr) {
      // Recording the failure failed too: leave the message for redelivery rather than lose it.
      this.logger.error(
        { err: recordErr },
        'could not record a failed job; it will be redelivered',
      );
      msg.nak(options.backoffMs[options.backoffMs.length - 1] ?? 1000);
    }
  }
}

/** Without fairness the handler as is; with it, each key's jobs wait for one of its slots. */
function fairHandler<C extends AnyMessage>(
  handler: JobHandler<C>,
  concurrency: number,
  fairness: Fairness<C> | undefined,
): JobHandler<C> {
  if (!fairness) return handler;
  const limiter = new FairLimiter({
    concurrency,
    perKey: fairness.perKey,
    maxQueuedPerKey: Number.POSITIVE_INFINITY,
  });
  return (payload, info) => limiter.run(fairness.keyOf(payload), () => handler(payload, info));
}

function safeDecode(data: Uint8Array): unknown {
  try {
    return decodeJson(data);
  } catch {
    return undefined;
  }
}
