import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';

export { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';

export interface TracingOptions {
  service: string;
  instanceId: string;
  env?: NodeJS.ProcessEnv;
  /** tests: where spans go instead of the OTLP/HTTP exporter the environment names */
  exporter?: SpanExporter;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** the span's parent; the active context when absent */
  parent?: Context;
}

/** Reads and writes one carrier's headers (NATS headers, HTTP headers) for W3C `traceparent`. */
export interface HeaderCarrier {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

// Set only while tracing is on: every helper below checks it first and does nothing else when off.
let tracer: Tracer | undefined;
let provider: NodeTracerProvider | undefined;

/**
 * Where spans are sent, or undefined when tracing is off: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (OTLP/HTTP), unless `OTEL_SDK_DISABLED=true` or
 * `OTEL_TRACES_EXPORTER=none`.
 */
export function tracesEndpoint(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  if (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() === 'none') return undefined;
  const endpoint =
    env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return endpoint || undefined;
}

/**
 * Turns tracing on when the environment names an OTLP endpoint (or a test passes an exporter):
 * one provider per process, W3C trace context, spans batched to the exporter. Returns whether on.
 */
export function startTracing(options: TracingOptions): boolean {
  if (provider) return true;
  const env = options.env ?? process.env;
  if (!options.exporter && !tracesEndpoint(env)) return false;
  // The exporter reads the endpoint, headers, timeout and compression from OTEL_EXPORTER_OTLP_*.
  const exporter = options.exporter ?? new OTLPTraceExporter();
  provider = new NodeTracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({
        'service.name': options.service,
        'service.namespace': 'mnemo',
        'service.instance.id': options.instanceId,
      }),
    ),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  tracer = provider.getTracer('mnemo');
  return true;
}

/** Sends the spans ended so far (tests; a shutdown sends them anyway). */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

/** Sends the spans still batched, then turns tracing off. */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  provider = undefined;
  tracer = undefined;
  if (!stopping) return;
  try {
    await stopping.shutdown();
  } finally {
    trace.disable();
    context.disable();
    propagation.disable();
  }
}

export function tracingEnabled(): boolean {
  return tracer !== undefined;
}

/**
 * Runs `fn` in a new active span that ends when it settles (an error marks the span). With
 * tracing off, `fn` runs as is: no span, no context switch, no extra promise.
 */
export function withSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span | undefined) => Promise<T> | T,
): Promise<T> {
  if (!tracer) {
    try {
      return Promise.resolve(fn(undefined));
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
  const parent = options.parent ?? context.active();
  return tracer.startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    parent,
    async (span) => {
      try {
        return await fn(span);
      } catch (err) {
        markFailed(span, err);
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

/** A span the caller ends itself (an HTTP request's, ended when the answer is sent). */
export function startSpan(name: string, options: SpanOptions = {}): Span | undefined {
  if (!tracer) return undefined;
  return tracer.startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    options.parent ?? context.active(),
  );
}

/** Runs `fn` with `span` active, so spans started inside are its children. */
export function runInSpan<T>(span: Span | undefined, fn: () => T): T {
  if (!span) return fn();
  return context.with(trace.setSpan(context.active(), span), fn);
}

export function markFailed(span: Span | undefined, err: unknown): void {
  if (!span) return;
  const message = err instanceof Error ? err.message : String(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  if (err instanceof Error) span.recordException(err);
}

/** Adds `traceparent` (and `tracestate`) of the active span to outgoing headers. */
export function injectTraceContext(carrier: Pick<HeaderCarrier, 'set'>): void {
  if (!tracer) return;
  propagation.inject(context.active(), carrier, {
    set: (target, key, value) => target.set(key, value),
  });
}

/** The context an incoming message or request carries, to parent the span that handles it. */
export function extractTraceContext(carrier: Pick<HeaderCarrier, 'get'>): Context | undefined {
  if (!tracer) return undefined;
  return propagation.extract(ROOT_CONTEXT, carrier, {
    get: (source, key) => source.get(key),
    keys: () => ['traceparent', 'tracestate'],
  });
}

/** Ids of the active span, for log lines; undefined when tracing is off or no span is active. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  if (!tracer) return undefined;
  const span = trace.getSpan(context.active());
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/** Whether a span is active here: SQL spans are made only inside a traced request or job. */
export function insideSpan(): boolean {
  return tracer !== undefined && trace.getSpan(context.active()) !== undefined;
}

/** Adds attributes to the active span, if tracing is on and one is active. */
export function setActiveSpanAttributes(attributes: Attributes): void {
  if (!tracer) return;
  trace.getSpan(context.active())?.setAttributes(attributes);
}
