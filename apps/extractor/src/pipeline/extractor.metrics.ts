import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Histogram, type Registry } from 'prom-client';
import type { ServiceMetrics } from '@mnemo/observability';
import { SERVICE_METRICS } from '@mnemo/service-kit';
import { noteLlmCall } from './llm-call.tally';

/** What the add consumer reports about its own load, read when Prometheus scrapes. */
export interface ConsumerLoad {
  running(): number;
  held(): number;
  backlog(): Promise<{ pending: number; ackPending: number } | undefined>;
}

/**
 * Prometheus view of the add pipeline: LLM calls per add, embedding batches, load. Each LLM call's
 * latency and tokens are measured by the provider, in `mnemo_llm_call_seconds` and
 * `mnemo_llm_tokens_total` (by provider and model).
 */
@Injectable()
export class ExtractorMetrics {
  private readonly registers: Registry[];
  private readonly callsPerAdd: Histogram;
  private readonly embedTexts: Histogram;

  constructor(@Inject(SERVICE_METRICS) metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.registers = registers;
    this.callsPerAdd = new Histogram({
      name: 'mnemo_extract_llm_calls_per_add',
      help: 'LLM calls made for one add job',
      buckets: [0, 1, 2, 3, 4, 6],
      registers,
    });
    this.embedTexts = new Histogram({
      name: 'mnemo_extract_embed_batch_texts',
      help: 'Texts of one add sent to the embedder in its one request',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
      registers,
    });
  }

  /** One LLM call finished: counted for the add it was made for. */
  llmCall(): void {
    noteLlmCall();
  }

  addDone(llmCalls: number): void {
    this.callsPerAdd.observe(llmCalls);
  }

  embedded(texts: number): void {
    this.embedTexts.observe(texts);
  }

  /** Gauges read from the consumer at scrape time. */
  watch(load: ConsumerLoad): void {
    const registers = this.registers;
    new Gauge({
      name: 'mnemo_extract_in_flight',
      help: 'Add jobs running in this instance (extracting, deciding or writing)',
      registers,
      collect() {
        this.set(load.running());
      },
    });
    new Gauge({
      name: 'mnemo_extract_held',
      help: 'Add jobs taken from JetStream by this instance: running, or waiting for their scope or a slot',
      registers,
      collect() {
        this.set(load.held());
      },
    });
    new Gauge({
      name: 'mnemo_extract_jetstream_pending',
      help: 'Add jobs of the durable consumer: pending (not yet delivered) and ack_pending (delivered, not done)',
      labelNames: ['state'],
      registers,
      async collect() {
        const backlog = await load.backlog();
        if (!backlog) return;
        this.set({ state: 'pending' }, backlog.pending);
        this.set({ state: 'ack_pending' }, backlog.ackPending);
      },
    });
  }
}
