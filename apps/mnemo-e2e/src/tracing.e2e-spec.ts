import {
  eventually,
  FakeOpenAiServer,
  jsonLogLines,
  OtlpTraceReceiver,
  otlpSpanKind,
  startMnemo,
  type MnemoStack,
  type ReceivedSpan,
  type ServiceName,
} from '@mnemo/testing';
import { http } from './http';

const adminKey = 'tracing-admin-key';
const pipeline: ServiceName[] = ['gateway', 'extractor', 'embedder', 'vector-store'];
const facts = (...list: string[]) =>
  JSON.stringify({ facts: list.map((fact) => ({ fact, categories: ['personal_details'] })) });

type Json = Record<string, unknown>;

jest.setTimeout(120_000);

/**
 * The services are separate processes, so the spans are caught where they leave them: an OTLP/HTTP
 * receiver in this process (the in-memory exporter's part, across processes), named by
 * OTEL_EXPORTER_OTLP_ENDPOINT.
 */
describe('tracing across HTTP and NATS', () => {
  let receiver: OtlpTraceReceiver;
  let llm: FakeOpenAiServer;
  let mnemo: MnemoStack;

  beforeAll(async () => {
    receiver = await OtlpTraceReceiver.start();
    llm = await FakeOpenAiServer.start({ apiKey: 'sk-tracing' });
    mnemo = await startMnemo({
      services: pipeline,
      env: {
        OPENAI_API_KEY: 'sk-tracing',
        OPENAI_BASE_URL: llm.baseURL,
        MNEMO_LLM_PROVIDER: 'openai',
        MNEMO_EMBEDDER_PROVIDER: 'openai',
        MNEMO_EMBEDDING_DIMS: '16',
        MNEMO_EMBED_CACHE_SIZE: '0',
        MNEMO_ADMIN_API_KEY: adminKey,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        // Spans leave each service within 100 ms instead of 5 s.
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
    await llm?.stop();
    await receiver?.stop();
  });

  beforeEach(() => llm.reset());

  const add = (userId: string, content: string) =>
    http<Json>(
      mnemo.baseUrl,
      'POST',
      '/memories',
      { messages: [{ role: 'user', content }], user_id: userId },
      { 'x-api-key': adminKey },
    );

  /** The trace of the HTTP request whose span carries this request id's route, once complete. */
  async function traceOf(predicate: (span: ReceivedSpan) => boolean): Promise<ReceivedSpan[]> {
    let spans: ReceivedSpan[] = [];
    await eventually(
      () => {
        const root = receiver.spans.find(predicate);
        expect(root).toBeDefined();
        spans = receiver.trace(root!.traceId);
        expect(new Set(spans.map((span) => span.service))).toEqual(new Set(pipeline));
        expect(spans.some((span) => span.service === 'vector-store' && span.kind === 2)).toBe(true);
        // Complete: the gateway has recorded the add's outcome from the stream, and every span's
        // parent has arrived (spans are exported in batches, a job's after its handler returns).
        expect(
          spans.some(
            (span) => span.service === 'gateway' && span.name === 'process memory.add.completed.v1',
          ),
        ).toBe(true);
        const ids = new Set(spans.map((span) => span.spanId));
        expect(spans.filter((span) => span.parentSpanId && !ids.has(span.parentSpanId))).toEqual(
          [],
        );
      },
      { timeoutMs: 15_000 },
    );
    return spans;
  }

  it('follows one add in one trace: gateway -> extractor -> embedder -> vector-store', async () => {
    llm.scriptChat(facts('Lives in Hangzhou'));
    const answer = await add('trace-user', 'I live in Hangzhou');
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      { id: expect.any(String), memory: 'Lives in Hangzhou', event: 'ADD' },
    ]);

    const spans = await traceOf(
      (span) => span.service === 'gateway' && span.name === 'POST /memories',
    );
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const roots = spans.filter((span) => span.parentSpanId === undefined);
    // One root, the HTTP request; every other span's parent is in the same trace.
    expect(roots.map((span) => [span.service, span.name, span.kind])).toEqual([
      ['gateway', 'POST /memories', otlpSpanKind.server],
    ]);
    const orphans = spans.filter((span) => span.parentSpanId && !byId.has(span.parentSpanId));
    expect(orphans).toEqual([]);
    expect(roots[0].attributes['http.response.status_code']).toBe(200);

    // Each hop between services is a parent in one service and its child in the next.
    const hops = new Set(
      spans
        .filter((span) => span.parentSpanId)
        .map((span) => `${byId.get(span.parentSpanId!)!.service} -> ${span.service}`)
        .filter((hop) => !/^(\S+) -> \1$/.test(hop)),
    );
    expect([...hops].sort()).toEqual([
      'extractor -> embedder',
      // the add's progress on MNEMO_ADD_EVENTS, recorded by the gateway
      'extractor -> gateway',
      'extractor -> vector-store',
      'gateway -> extractor',
    ]);
    const hop = (from: ServiceName, to: ServiceName) =>
      spans
        .filter(
          (span) => span.service === to && byId.get(span.parentSpanId ?? '')?.service === from,
        )
        .map((span) => [byId.get(span.parentSpanId!)!.kind, span.kind]);
    // The job: a JetStream publish in the gateway, consumed by the extractor.
    expect(hop('gateway', 'extractor')).toEqual([[otlpSpanKind.producer, otlpSpanKind.consumer]]);
    // Requests over NATS: client spans in the extractor, server spans in the services answering.
    for (const to of ['embedder', 'vector-store'] as const) {
      const kinds = hop('extractor', to);
      expect(kinds.length).toBeGreaterThan(0);
      expect(kinds).toEqual(kinds.map(() => [otlpSpanKind.client, otlpSpanKind.server]));
    }

    // The model calls and the SQL inside the trace.
    const named = (service: ServiceName, prefix: string) =>
      spans.filter((span) => span.service === service && span.name.startsWith(prefix));
    const chat = named('extractor', 'chat ');
    expect(chat).toHaveLength(1);
    expect(chat[0].kind).toBe(otlpSpanKind.client);
    expect(chat[0].attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    expect(named('embedder', 'embeddings ')).not.toHaveLength(0);
    expect(named('vector-store', 'mysql ').length).toBeGreaterThan(0);
    expect(receiver.rejected).toEqual([]);
  });

  it('puts the request id (and the trace id) on the lines the request causes in every service', async () => {
    // An answer the extractor cannot read: it says so in a warning, on behalf of this request.
    llm.scriptChat('this is not JSON');
    const answer = await add('trace-logs', 'I live somewhere');
    expect(answer.status).toBe(200);
    const requestId = answer.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f]{8}$/);

    const access = await eventually(() => {
      const lines = jsonLogLines(mnemo.service('gateway')).filter(
        (line) => line.event === 'http.access' && line.requestId === requestId,
      );
      expect(lines).toHaveLength(1);
      return lines[0];
    });
    expect(access).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/memories',
      route: '/memories',
      status: 200,
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const warning = jsonLogLines(mnemo.service('extractor')).find((line) =>
      String(line.msg).startsWith('fact extraction answer fault'),
    );
    expect(warning).toMatchObject({
      requestId,
      traceId: access.traceId,
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });
});

describe('tracing when no endpoint is set', () => {
  let receiver: OtlpTraceReceiver;
  let mnemo: MnemoStack;

  beforeAll(async () => {
    receiver = await OtlpTraceReceiver.start();
    // The receiver listens, but nothing names it: the services must not trace or export at all.
    mnemo = await startMnemo({
      services: ['gateway', 'embedder', 'vector-store'],
      env: { MNEMO_ADMIN_API_KEY: adminKey, OTEL_BSP_SCHEDULE_DELAY: '100' },
    });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
    await receiver?.stop();
  });

  it('exports nothing and logs request ids without trace ids', async () => {
    const answer = await http<Json>(
      mnemo.baseUrl,
      'POST',
      '/memories',
      { messages: [{ role: 'user', content: 'Drinks green tea' }], user_id: 'u', infer: false },
      { 'x-api-key': adminKey },
    );
    expect(answer.status).toBe(200);
    const requestId = answer.headers.get('x-request-id');
    const access = await eventually(() => {
      const line = jsonLogLines(mnemo.service('gateway')).find(
        (l) => l.event === 'http.access' && l.requestId === requestId,
      );
      expect(line).toBeDefined();
      return line!;
    });
    expect(access.traceId).toBeUndefined();
    for (const name of ['gateway', 'embedder', 'vector-store'] as const) {
      const lines = jsonLogLines(mnemo.service(name));
      expect(lines.filter((line) => String(line.msg).startsWith('tracing on'))).toEqual([]);
      expect(lines.filter((line) => line.traceId !== undefined)).toEqual([]);
    }
    // Past a few export intervals: still not one request.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.requests).toBe(0);
  });
});
