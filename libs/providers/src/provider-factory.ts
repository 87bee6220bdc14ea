import type { z } from 'zod';
import type { providerConfigSchema } from '@mnemo/config';
import type { Logger, ProviderMetrics } from '@mnemo/observability';
import type { EmbeddingProvider } from './embedding';
import { createLocalEmbeddingProvider } from './embedding';
import type { LlmCallObserver, LlmProvider } from './llm';
import { OpenAiEmbeddingProvider, OpenAiLlmProvider } from './llm';
import {
  InstrumentedEmbeddingProvider,
  llmCallRecorder,
  TracedLlmProvider,
} from './instrumented-providers';

export type ProviderConfig = z.output<typeof providerConfigSchema>;

/**
 * The configured embedding provider: OpenAI-compatible with a key, the offline GloVe one without;
 * each call measured in `metrics` and traced when tracing is on.
 */
export async function createEmbeddingProvider(
  config: ProviderConfig,
  logger: Logger,
  metrics?: ProviderMetrics,
): Promise<EmbeddingProvider> {
  return new InstrumentedEmbeddingProvider(
    await embeddingProvider(config, logger, metrics),
    metrics,
  );
}

async function embeddingProvider(
  config: ProviderConfig,
  logger: Logger,
  metrics: ProviderMetrics | undefined,
): Promise<EmbeddingProvider> {
  if (config.MNEMO_EMBEDDER_PROVIDER === 'openai') {
    logger.info(
      { model: config.MNEMO_EMBEDDING_MODEL, baseURL: config.OPENAI_BASE_URL },
      'openai embeddings',
    );
    const labels = { provider: 'openai', model: config.MNEMO_EMBEDDING_MODEL };
    return new OpenAiEmbeddingProvider({
      apiKey: config.OPENAI_API_KEY ?? '',
      baseURL: config.OPENAI_BASE_URL,
      model: config.MNEMO_EMBEDDING_MODEL,
      dims: config.MNEMO_EMBEDDING_DIMS ?? defaultDims(config.MNEMO_EMBEDDING_MODEL),
      // Only ask for a size when one was configured: many compatible servers reject `dimensions`.
      sendDimensions: config.MNEMO_EMBEDDING_DIMS !== undefined,
      timeoutMs: config.MNEMO_LLM_TIMEOUT_MS,
      onTokens: (tokens) => metrics?.embeddingTokens.inc(labels, tokens),
    });
  }
  const started = performance.now();
  const provider = await createLocalEmbeddingProvider({ cacheDir: config.MNEMO_MODEL_DIR });
  logger.info(
    { model: provider.model, dims: provider.dims, loadMs: Math.round(performance.now() - started) },
    'local embeddings loaded',
  );
  return provider;
}

/**
 * The configured LLM, or undefined when the offline extractor is selected; every call measured in
 * `metrics` (latency, tokens) and traced when tracing is on, then told to `observer`.
 */
export function createLlmProvider(
  config: ProviderConfig,
  observer?: LlmCallObserver,
  metrics?: ProviderMetrics,
): LlmProvider | undefined {
  if (config.MNEMO_LLM_PROVIDER !== 'openai') return undefined;
  const llm = new OpenAiLlmProvider({
    apiKey: config.OPENAI_API_KEY ?? '',
    baseURL: config.OPENAI_BASE_URL,
    model: config.MNEMO_LLM_MODEL,
    timeoutMs: config.MNEMO_LLM_TIMEOUT_MS,
    maxRetries: 3,
    observer: llmCallRecorder('openai', metrics, observer),
  });
  return new TracedLlmProvider(llm);
}

const knownDims: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

function defaultDims(model: string): number {
  return knownDims[model] ?? 1536;
}
