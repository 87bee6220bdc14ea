import { randomUUID } from 'node:crypto';
import {
  connect,
  headers as natsHeaders,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';
import type { z } from 'zod';
import {
  busHeaders,
  DomainError,
  isDomainError,
  replyEnvelopeSchema,
  type MessageContract,
  type MessageInputOf,
  type MessageOf,
  type ParsedRequestOf,
  type RequestContract,
  type RequestOf,
  type ResponseInputOf,
  type ResponseOf,
} from '@mnemo/contracts';
import type { Logger, ServiceMetrics } from '@mnemo/observability';
import { BreakerRegistry, defaultBreakerOptions, type BreakerOptions } from './breakers';
import { currentBusContext, runWithBusContext, type BusContext } from './bus-context';
import { decodeJson, encodeJson, toTransportError } from './codec';
import { InFlight } from './in-flight';

type AnyRequest = RequestContract<z.ZodType, z.ZodType>;
type AnyMessage = MessageContract<z.ZodType>;

export interface BusOptions {
  url: string;
  service: string;
  instanceId: string;
  logger: Logger;
  metrics?: ServiceMetrics;
  requestTimeoutMs: number;
  breaker?: Partial<BreakerOptions>;
}

export interface RequestOptions {
  timeoutMs?: number;
}

export type RequestHandler<C extends AnyRequest> = (
  payload: ParsedRequestOf<C>,
  context: BusContext,
) => Promise<ResponseInputOf<C>> | ResponseInputOf<C>;

/** Typed request-reply and pub-sub over NATS, with a breaker per target and a graceful drain. */
export class NatsBus {
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new InFlight();
  private readonly breakers: BreakerRegistry<[string, Uint8Array, MsgHdrs, number], Msg>;
  private draining?: Promise<void>;

  private constructor(
    readonly connection: NatsConnection,
    private readonly options: BusOptions,
  ) {
    this.breakers = new BreakerRegistry(
      (subject, data, hdrs, timeout) => this.rawRequest(subject, data, hdrs, timeout),
      { ...defaultBreakerOptions, ...options.breaker },
      (target, state) => options.logger.warn({ target, state }, 'circuit breaker state changed'),
    );
  }

  static async connect(options: BusOptions): Promise<NatsBus> {
    const connection = await connect({
      servers: options.url,
      name: `${options.service}:${options.instanceId}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    options.logger.info({ url: options.url }, 'connected to NATS');
    return new NatsBus(connection, options);
  }

  get logger(): Logger {
    return this.options.logger;
  }

  async request<C extends AnyRequest>(
    contract: C,
    payload: RequestOf<C>,
    options: RequestOptions = {},
  ): Promise<ResponseOf<C>> {
    const timeout = options.timeoutMs ?? this.options.requestTimeoutMs;
    const started = performance.now();
    let outcome = 'ok';
    try {
      const reply = await this.breakers.fire(
        contract.subject,
        contract.subject,
        encodeJson(payload),
        this.outgoingHeaders(),
        timeout,
      );
      const envelope = replyEnvelopeSchema.parse(decodeJson(reply.data));
      if (!envelope.ok) throw DomainError.fromBody(envelope.error);
      return contract.response.parse(envelope.data) as ResponseOf<C>;
    } catch (err) {
      outcome = isDomainError(err) ? err.code : 'error';
      throw err;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.options.metrics?.busRequests.observe({ subject: contract.subject, outcome }, seconds);
    }
  }

  /** Answers requests on a subject as part of a queue group, so instances share the work. */
  respond<C extends AnyRequest>(contract: C, handler: RequestHandler<C>, queue: string): void {
    const subscription = this.connection.subscribe(contract.subject, {
      queue,
      callback: (err, msg) => {
        if (err) {
          this.logger.error({ err, subject: contract.subject }, 'subscription error');
          return;
        }
        void this.inFlight.track(this.answer(contract, handler, msg));
      },
    });
    this.subscriptions.push(subscription);
  }

  /** Core NATS publish (at most once): for notifications whose loss is tolerated. */
  publish<C extends AnyMessage>(contract: C, payload: MessageInputOf<C>): void {
    this.connection.publish(contract.subject, encodeJson(contract.schema.parse(payload)), {
      headers: this.outgoingHeaders(),
    });
  }

  /** Every instance receives every message (no queue group). */
  subscribe<C extends AnyMessage>(contract: C, handler: (payload: MessageOf<C>) => void): void {
    const subscription = this.connection.subscribe(contract.subject, {
      callback: (err, msg) => {
        if (err) return;
        const parsed = contract.schema.safeParse(decodeJson(msg.data));
        if (parsed.success) handler(parsed.data as MessageOf<C>);
        else this.logger.warn({ subject: contract.subject }, 'dropped a malformed message');
      },
    });
    this.subscriptions.push(subscription);
  }

  /** Stops taking work, lets in-flight handlers answer, then closes the connection. */
  async drain(): Promise<void> {
    this.draining ??= this.drainOnce();
    return this.draining;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
  }

  private async drainOnce(): Promise<void> {
    await Promise.allSettled(this.subscriptions.map((subscription) => subscription.drain()));
    await this.inFlight.settled();
    this.breakers.shutdown();
    if (!this.connection.isClosed()) await this.connection.drain();
    this.logger.info('NATS connection drained');
  }

  private async rawRequest(
    subject: string,
    data: Uint8Array,
    hdrs: MsgHdrs,
    timeout: number,
  ): Promise<Msg> {
    try {
      return await this.connection.request(subject, data, { timeout, headers: hdrs });
    } catch (err) {
      throw toTransportError(err, subject, timeout);
    }
  }

  private async answer<C extends AnyRequest>(contract: C, handler: RequestHandler<C>, msg: Msg) {
    const started = performance.now();
    const context: BusContext = {
      requestId: msg.headers?.get(busHeaders.requestId) || randomUUID(),
      projectId: msg.headers?.get(busHeaders.projectId) || undefined,
    };
    let outcome = 'ok';
    try {
      const parsed = contract.request.safeParse(decodeJson(msg.data));
      if (!parsed.success) {
        throw new DomainError(
          'validation_failed',
          parsed.error.message,
          false,
          parsed.error.issues,
        );
      }
      const data = await runWithBusContext(context, () =>
        handler(parsed.data as ParsedRequestOf<C>, context),
      );
      msg.respond(encodeJson({ ok: true, data }));
    } catch (err) {
      outcome = isDomainError(err) ? err.code : 'internal';
      if (!isDomainError(err)) {
        this.logger.error(
          { err, subject: contract.subject, requestId: context.requestId },
          'handler failed',
        );
      }
      const body = isDomainError(err)
        ? err.toBody()
        : { code: 'internal', message: 'internal error', retryable: true };
      msg.respond(encodeJson({ ok: false, error: body }));
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.options.metrics?.busHandled.observe({ subject: contract.subject, outcome }, seconds);
    }
  }

  private outgoingHeaders(): MsgHdrs {
    const context = currentBusContext();
    const hdrs = natsHeaders();
    hdrs.set(busHeaders.requestId, context.requestId ?? randomUUID());
    if (context.projectId) hdrs.set(busHeaders.projectId, context.projectId);
    return hdrs;
  }
}
