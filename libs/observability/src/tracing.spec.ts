import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  activeTraceIds,
  extractTraceContext,
  flushTracing,
  injectTraceContext,
  SpanKind,
  startTracing,
  stopTracing,
  tracesEndpoint,
  tracingEnabled,
  withSpan,
} from './tracing';

function carrier(): {
  headers: Map<string, string>;
  get(k: string): string | undefined;
  set(k: string, v: string): void;
} {
  const headers = new Map<string, string>();
  return { headers, get: (k) => headers.get(k), set: (k, v) => void headers.set(k, v) };
}

describe('tracesEndpoint', () => {
  it('is off without an OTLP endpoint, and when the SDK or the exporter is switched off', () => {
    expect(tracesEndpoint({})).toBeUndefined();
    expect(tracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBeUndefined();
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracesEndpoint(endpoint)).toBe('http://collector:4318');
    expect(tracesEndpoint({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(tracesEndpoint({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
    expect(
      tracesEndpoint({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }),
    ).toBe('http://collector:4318/v1/traces');
  });
});

describe('tracing off', () => {
  it('starts nothing and runs the work as is', async () => {
    expect(startTracing({ service: 'gateway', instanceId: 'g-0', env: {} })).toBe(false);
    expect(tracingEnabled()).toBe(false);
    const spans: unknown[] = [];
    expect(await withSpan('work', {}, (span) => (spans.push(span), 42))).toBe(42);
    expect(spans).toEqual([undefined]);
    const headers = carrier();
    injectTraceContext(headers);
    expect(headers.headers.size).toBe(0);
    expect(extractTraceContext(headers)).toBeUndefined();
    expect(activeTraceIds()).toBeUndefined();
  });
});

describe('tracing on (in-memory exporter)', () => {
  const exporter = new InMemorySpanExporter();

  beforeAll(() => {
    expect(startTracing({ service: 'gateway', instanceId: 'g-0', exporter, env: {} })).toBe(true);
  });

  afterAll(async () => {
    await stopTracing();
    expect(tracingEnabled()).toBe(false);
  });

  it('carries the active span in traceparent, so the receiving side continues its trace', async () => {
    const headers = carrier();
    let sent: { traceId: string; spanId: string } | undefined;
    await withSpan('nats request x', { kind: SpanKind.CLIENT }, () => {
      sent = activeTraceIds();
      injectTraceContext(headers);
    });
    expect(headers.get('traceparent')).toBe(`00-${sent!.traceId}-${sent!.spanId}-01`);
    let received: { traceId: string; spanId: string } | undefined;
    await withSpan(
      'nats handle x',
      { kind: SpanKind.SERVER, parent: extractTraceContext(headers) },
      () => (received = activeTraceIds()),
    );
    expect(received?.traceId).toBe(sent!.traceId);
    await flushTracing();
    const spans = exporter.getFinishedSpans();
    const handle = spans.find((span) => span.name === 'nats handle x');
    expect(handle?.parentSpanContext?.spanId).toBe(sent!.spanId);
    expect(handle?.resource.attributes['service.name']).toBe('gateway');
  });

  it('marks a span whose work failed, and passes the error on', async () => {
    exporter.reset();
    await expect(withSpan('failing', {}, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await flushTracing();
    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: 2, message: 'boom' });
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
  });
});
