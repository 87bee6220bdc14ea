import {
  setActiveSpanAttributes,
  SpanKind,
  withSpan,
  type ProviderMetrics,
} from '@mnemo/observability';
import type { EmbeddingProvider, EmbeddingPurpose } from './embedding';
import {
  isProviderError,
  type LlmCallObserver,
  type LlmCompletionRequest,
  type LlmProvider,
} from './llm';

/**
 * Records every finished LLM call (latency, outcome, tokens) by provider and model, and puts the
 * tokens on the call's span; then tells `next`, if any.
 */
export function llmCallRecorder(
  provider: string,
  metrics: ProviderMetrics | undefined,
  next?: LlmCallObserver,
): LlmCallObserver {
  return (record) => {
    if (metrics) {
      const labels = { provider, model: record.model };
      metrics.llmSeconds.observe({ ...labels, outcome: record.outcome }, record.seconds);
      if (record.promptTokens) {
        metrics.llmTokens.inc({ ...labels, kind: 'prompt' }, record.promptTokens);
      }
      if (record.completionTokens) {
        metrics.llmTokens.inc({ ...labels, kind: 'completion' }, record.completionTokens);
      }
    }
    setActiveSpanAttributes({
      'gen_ai.usage.input_tokens': record.promptTokens ?? 0,
      'gen_ai.usage.output_tokens': record.completionTokens ?? 0,
    });
    next?.(record);
  };
}

/** Each completion in a client span (`chat <model>`), child of the job or request that asked. */
export class TracedLlmProvider implements LlmProvider {
  readonly name: string;
  readonly model: string;

  constructor(private readonly inner: LlmProvider) {
    this.name = inner.name;
    this.model = inner.model;
  }

  complete(req: LlmCompletionRequest): Promise<string> {
    return withSpan(
      `chat ${this.model}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.system': this.name,
          'gen_ai.request.model': this.model,
        },
      },
      () => this.inner.complete(req),
    );
  }
}

/** Each embedding call measured (latency, outcome, texts) and, when tracing, in a client span. */
export class InstrumentedEmbeddingProvider implements EmbeddingProvider {
  readonly name: string;
  readonly model: string;
  readonly dims: number;
  readonly purposeSensitive?: boolean;

  constructor(
    private readonly inner: EmbeddingProvider,
    private readonly metrics: ProviderMetrics | undefined,
  ) {
    this.name = inner.name;
    this.model = inner.model;
    this.dims = inner.dims;
    this.purposeSensitive = inner.purposeSensitive;
  }

  embed(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[]> {
    return withSpan(
      `embeddings ${this.model}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'gen_ai.operation.name': 'embeddings',
          'gen_ai.system': this.name,
          'gen_ai.request.model': this.model,
          'mnemo.embedding.texts': texts.length,
        },
      },
      () => this.measured(texts, purpose),
    );
  }

  private async measured(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[]> {
    if (!this.metrics) return this.inner.embed(texts, purpose);
    const labels = { provider: this.name, model: this.model };
    const started = performance.now();
    let outcome = 'ok';
    try {
      return await this.inner.embed(texts, purpose);
    } catch (err) {
      outcome = isProviderError(err) ? err.code : 'unknown';
      throw err;
    } finally {
      this.metrics.embeddingSeconds.observe(
        { ...labels, outcome },
        (performance.now() - started) / 1000,
      );
      this.metrics.embeddingTexts.inc(labels, texts.length);
    }
  }
}
