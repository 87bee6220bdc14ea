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
import {
  extractTraceContext,
  injectTraceContext,
  SpanKind,
  withSpan,
  type Logger,
  type ServiceMetrics,
} from '@mnemo/observability';
import { BreakerRegistry, defaultBreakerOptions, type BreakerOptions } from './breakers';
import { currentBusContext, runWithBusContext, type BusContext } from './bus-context';
import { decodeJson, encodeJson, toTransportError } from './codec';
import { InFlight } from './in-flight';
import { unavailableIfConnectionLost } from './lost-connection';
import { natsConnectionOptions } from './nats-connection-options';
import { assertFitsPayload, fitsPayload } from './payload-limit';
import { ResponderProbe } from './responder-probe';
import { headerReader, messagingAttributes } from './trace-headers';

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
  /** replicas of every stream and KV bucket this service creates (MNEMO_JETSTREAM_REPLICAS) */
  jetStreamReplicas?: number;
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
  readonly breakers: BreakerRegistry<[string, Uint8Array, MsgHdrs, number], Msg>;
  private draining?: Promise<void>;
  private disconnected = false;
  /** Cached "does anyone answer this subject now": for failing fast when a service is down. */
  readonly responders: ResponderProbe;

  private constructor(
    readonly connection: NatsConnection,
    private readonly options: BusOptions,
  ) {
    this.breakers = new BreakerRegistry(
      (subject, data, hdrs, timeout) => this.rawRequest(subject, data, hdrs, timeout),
      { ...defaultBreakerOptions, ...options.breaker },
      (target, state, project) => {
        options.logger.warn({ target, project, state }, 'circuit breaker state changed');
        const scope = project === undefined ? 'target' : 'project';
        options.metrics?.breakerTransitions.inc({ target, scope, state });
      },
    );
    this.responders = new ResponderProbe(connection);
    void this.watchConnection();
  }

  static async connect(options: BusOptions): Promise<NatsBus> {
    // Servers, the service's NATS user (from the URL) and TLS files (MNEMO_NATS_TLS_*).
    const target = natsConnectionOptions(options.url);
    const connection = await connect({
      ...target,
      name: `${options.service}:${options.instanceId}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      // Without it the client captures two stack traces per request (for errors that become
      // DomainErrors without them anyway): a few percent of a busy caller's CPU.
      noAsyncTraces: true,
    });
    // The URL may carry the service's password: the log names the servers and the user only.
    options.logger.info({ servers: target.servers, user: target.user }, 'connected to NATS');
    return new NatsBus(connection, options);
  }

  get logger(): Logger {
    return this.options.logger;
  }

  /** False while the connection to NATS is lost (the client keeps reconnecting meanwhile). */
  get connected(): boolean {
    return !this.disconnected && !this.connection.isClosed();
  }

  get jetStreamReplicas(): number {
    return this.options.jetStreamReplicas ?? 1;
  }

  /** Fails at once while NATS is away, instead of letting the caller wait out a timeout. */
  assertConnected(what: string): void {
    if (this.connected) return;
    throw new DomainError(
      'unavailable',
      `NATS is unreachable (reconnecting); ${what} failed`,
      true,
    );
  }

  /** The largest message the server takes (headers included), as it advertised on connect. */
  get maxPayload(): number | undefined {
    return this.connection.info?.max_payload;
  }

  /** Asks the service answering the contract's subject; traced as a client span when tracing is on. */
  request<C extends AnyRequest>(
    contract: C,
    payload: RequestOf<C>,
    options: RequestOptions = {},
  ): Promise<ResponseOf<C>> {
    return withSpan(
      `nats request ${contract.subject}`,
      { kind: SpanKind.CLIENT, attributes: messagingAttributes(contract.subject) },
      () => this.requestOnce(contract, payload, options),
    );
  }

  private async requestOnce<C extends AnyRequest>(
    contract: C,
    payload: RequestOf<C>,
    options: RequestOptions,
  ): Promise<ResponseOf<C>> {
    const timeout = options.timeoutMs ?? this.options.requestTimeoutMs;
    const started = performance.now();
    let outcome = 'ok';
    try {
      this.assertConnected(`the request to ${contract.subject}`);
      const data = encodeJson(payload);
      assertFitsPayload(data, this.maxPayload, `the request to ${contract.subject}`);
      const project = projectOf(payload) ?? currentBusContext().projectId;
      const hdrs = this.outgoingHeaders(project);
      hdrs.set(busHeaders.timeoutMs, String(timeout));
      const reply = await this.breakers.fire(
        contract.subject,
        project,
        contract.subject,
        data,
        hdrs,
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
    const data = encodeJson(contract.schema.parse(payload));
    assertFitsPayload(data, this.maxPayload, `the message on ${contract.subject}`);
    this.connection.publish(contract.subject, data, { headers: this.outgoingHeaders() });
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

  private async watchConnection(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect') {
        this.disconnected = true;
        this.logger.warn({ server: status.server }, 'lost the NATS connection; reconnecting');
      } else if (status.type === 'reconnect') {
        this.disconnected = false;
        this.logger.info({ server: status.server }, 'reconnected to NATS');
      }
    }
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
    const budget = Number(msg.headers?.get(busHeaders.timeoutMs));
    const context: BusContext = {
      requestId: msg.headers?.get(busHeaders.requestId) || randomUUID(),
      projectId: msg.headers?.get(busHeaders.projectId) || undefined,
      deadline: budget > 0 ? Date.now() + budget : undefined,
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
        withSpan(
          `nats handle ${contract.subject}`,
          {
            kind: SpanKind.SERVER,
            attributes: messagingAttributes(contract.subject),
            parent: extractTraceContext(headerReader(msg.headers)),
          },
          () => handler(parsed.data as ParsedRequestOf<C>, context),
        ),
      );
      msg.respond(this.fitReply(encodeJson({ ok: true, data }), contract.subject));
    } catch (caught) {
      const err = isDomainError(caught) ? caught : (unavailableIfConnectionLost(caught) ?? caught);
      outcome = isDomainError(err) ? err.code : 'internal';
      if (!isDomainError(caught)) {
        this.logger.error(
          { err: caught, subject: contract.subject, requestId: context.requestId },
          'handler failed',
        );
      }
      const body = isDomainError(err)
        ? err.toBody()
        : { code: 'internal', message: 'internal error', retryable: true };
      msg.respond(this.fitReply(encodeJson({ ok: false, error: body }), contract.subject));
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.options.metrics?.busHandled.observe({ subject: contract.subject, outcome }, seconds);
    }
  }

  /** A reply too large for the bus becomes a client error the caller can act on. */
  private fitReply(reply: Uint8Array, subject: string): Uint8Array {
    if (fitsPayload(reply.byteLength, this.maxPayload)) return reply;
    this.logger.warn({ subject, bytes: reply.byteLength }, 'reply too large for the bus');
    const message = `The answer is ${reply.byteLength} bytes, over the ${this.maxPayload} byte message limit; ask for a smaller page.`;
    return encodeJson({
      ok: false,
      error: { code: 'payload_too_large', message, retryable: false },
    });
  }

  private outgoingHeaders(projectId = currentBusContext().projectId): MsgHdrs {
    const context = currentBusContext();
    const hdrs = natsHeaders();
    hdrs.set(busHeaders.requestId, context.requestId ?? randomUUID());
    if (projectId) hdrs.set(busHeaders.projectId, projectId);
    injectTraceContext(hdrs);
    return hdrs;
  }
}

/** Tenant-scoped requests name their project in the payload; the breaker accounts by it. */
function projectOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const projectId = (payload as { projectId?: unknown }).projectId;
  return typeof projectId === 'string' && projectId !== '' ? projectId : undefined;
}

/** MNEMO_NATS_URL names one server or a cluster's nodes, comma-separated. */
export function natsServers(url: string): string[] {
  // Without the credentials a URL may carry: the client would read `user:pass@host` as a host.
  return natsConnectionOptions(url).servers as string[];
}
