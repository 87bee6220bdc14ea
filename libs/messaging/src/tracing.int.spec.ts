import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { z } from 'zod';
import { defineMessage, defineRequest, DomainError, type StreamDefinition } from '@mnemo/contracts';
import {
  createLogger,
  createMetrics,
  flushTracing,
  SpanKind,
  startTracing,
  stopTracing,
  withSpan,
} from '@mnemo/observability';
import { currentBusContext, runWithBusContext } from './bus-context';
import { JobQueue } from './job-queue';
import { NatsBus } from './nats-bus';

/** Against the NATS server `npm test` starts. */
function natsUrl(): string {
  const url = process.env.MNEMO_NATS_URL;
  if (!url) throw new Error('MNEMO_NATS_URL is not set: run the tests with `npm test`');
  return url;
}

const logger = createLogger({ service: 'spec', instanceId: 'spec', level: 'silent' });

// Both ends in one process, one in-memory exporter: the parent links are checked span by span.
describe('trace context over NATS (request-reply and JetStream jobs)', () => {
  const exporter = new InMemorySpanExporter();
  const metrics = createMetrics('spec', 'spec-0');
  const id = randomUUID().slice(0, 8);
  const stream = {
    name: `SPEC_TRACE_${id}`,
    subjects: [`spec.trace.${id}.job.v1`],
    retention: 'workqueue',
  } as unknown as StreamDefinition;
  const echo = defineRequest(
    `spec.trace.${id}.echo.v1`,
    z.object({ text: z.string() }),
    z.object({ text: z.string() }),
  );
  const job = defineMessage(stream.subjects[0], z.object({ n: z.number() }));
  let bus: NatsBus;
  let jobs: JobQueue;
  const seen: { requestId?: string }[] = [];
  const ran = new Map<number, () => void>();

  beforeAll(async () => {
    startTracing({ service: 'spec', instanceId: 'spec-0', exporter });
    bus = await NatsBus.connect({
      url: natsUrl(),
      service: 'spec',
      instanceId: 'spec-0',
      logger,
      metrics,
      requestTimeoutMs: 2000,
    });
    jobs = await JobQueue.create(bus.connection, logger, metrics);
    bus.respond(
      echo,
      async ({ text }) => {
        seen.push({ requestId: currentBusContext().requestId });
        await withSpan('inside the handler', {}, () => undefined);
        return { text };
      },
      'spec',
    );
    await jobs.ensureStream(stream);
    let failedOnce = false;
    await jobs.consume(
      job,
      { stream, durable: `spec-trace-${id}`, maxDeliver: 3, backoffMs: [50], concurrency: 2 },
      ({ n }) => {
        if (n === 2 && !failedOnce) {
          failedOnce = true;
          return Promise.reject(new DomainError('unavailable', 'once', true));
        }
        seen.push({ requestId: currentBusContext().requestId });
        ran.get(n)?.();
        return Promise.resolve();
      },
      () => Promise.resolve(),
    );
  });

  afterAll(async () => {
    await jobs.stop();
    await bus.drain();
    const jsm = await jetstreamManager(bus.connection).catch(() => undefined);
    await jsm?.streams.delete(stream.name).catch(() => false);
    await stopTracing();
  });

  beforeEach(() => {
    exporter.reset();
    seen.length = 0;
  });

  const spanNamed = (name: string) => {
    const span = exporter.getFinishedSpans().find((s) => s.name === name);
    if (!span)
      throw new Error(
        `no span ${name} in ${exporter
          .getFinishedSpans()
          .map((s) => s.name)
          .join(', ')}`,
      );
    return span;
  };
  const ranJob = (n: number) => new Promise<void>((resolve) => ran.set(n, resolve));

  it('makes the responder a child of the request, with the request id in its bus context', async () => {
    await runWithBusContext({ requestId: 'req-1' }, () =>
      withSpan('caller', {}, () => bus.request(echo, { text: 'hi' })),
    );
    await flushTracing();
    const caller = spanNamed('caller');
    const request = spanNamed(`nats request ${echo.subject}`);
    const handle = spanNamed(`nats handle ${echo.subject}`);
    const inside = spanNamed('inside the handler');
    expect(request.kind).toBe(SpanKind.CLIENT);
    expect(handle.kind).toBe(SpanKind.SERVER);
    expect(request.parentSpanContext?.spanId).toBe(caller.spanContext().spanId);
    expect(handle.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(inside.parentSpanContext?.spanId).toBe(handle.spanContext().spanId);
    expect(
      new Set([caller, request, handle, inside].map((s) => s.spanContext().traceId)).size,
    ).toBe(1);
    expect(seen).toEqual([{ requestId: 'req-1' }]);
  });

  it('makes the job consumer a child of the publish, redelivery included', async () => {
    for (const n of [1, 2]) {
      const done = ranJob(n);
      await runWithBusContext({ requestId: `req-job-${n}` }, () =>
        withSpan(`caller ${n}`, {}, () => jobs.publish(job, { n }, `${id}-${n}`)),
      );
      await done;
    }
    // The handler has run; its span ends once the message is acknowledged.
    const processedSpans = () =>
      exporter.getFinishedSpans().filter((s) => s.name === `process ${job.subject}`);
    for (let i = 0; i < 100 && processedSpans().length < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await flushTracing();
    }
    const spans = exporter.getFinishedSpans();
    for (const n of [1, 2]) {
      const caller = spanNamed(`caller ${n}`);
      const traceId = caller.spanContext().traceId;
      const publish = spans.find(
        (s) => s.name === `publish ${job.subject}` && s.spanContext().traceId === traceId,
      );
      const processed = spans.filter(
        (s) => s.name === `process ${job.subject}` && s.spanContext().traceId === traceId,
      );
      expect(publish?.kind).toBe(SpanKind.PRODUCER);
      expect(publish?.parentSpanContext?.spanId).toBe(caller.spanContext().spanId);
      // The second job failed once: both deliveries are consumer spans of the publish.
      expect(processed.map((s) => s.attributes['messaging.nats.delivery_count'])).toEqual(
        n === 1 ? [1] : [1, 2],
      );
      for (const span of processed) {
        expect(span.kind).toBe(SpanKind.CONSUMER);
        expect(span.parentSpanContext?.spanId).toBe(publish?.spanContext().spanId);
      }
      expect(processed.map((s) => s.status.code)).toEqual(n === 1 ? [0] : [2, 0]);
    }
    expect(seen).toEqual([{ requestId: 'req-job-1' }, { requestId: 'req-job-2' }]);
    const redelivered = await metrics.jobsRedelivered.get();
    expect(redelivered.values).toEqual([
      { labels: { stream: stream.name, consumer: `spec-trace-${id}` }, value: 1 },
    ]);
  });

  it("reports the consumer's pending, ack-pending and redelivered messages at scrape time", async () => {
    const text = await metrics.registry.metrics();
    const lines = text
      .split('\n')
      .filter((line) => line.startsWith('mnemo_jetstream_consumer_messages{'))
      .filter((line) => line.includes(`consumer="spec-trace-${id}"`));
    expect(lines.map((line) => /state="(\w+)"/.exec(line)?.[1]).sort()).toEqual([
      'ack_pending',
      'pending',
      'redelivered',
    ]);
    expect(lines.every((line) => line.endsWith(' 0'))).toBe(true);
  });
});
