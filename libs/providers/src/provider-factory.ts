import type { z } from 'zod';
import type { providerConfigSchema } from '@mnemo/config';
import type { Logger } from '@mnemo/observability';
import type { EmbeddingProvider } from './embedding';
import { createLocalEmbeddingProvider } from './embedding';
import type { LlmCallObserver, LlmProvider } from './llm';
import { OpenAiEmbeddingProvider, OpenAiLlmProvider } from './llm';

export type ProviderConfig = z.output<typeof providerConfigSchema>;

/** The configured embedding provider: OpenAI-compatible with a key, the offline GloVe one without. */
export async function createEmbeddingProvider(
  config: ProviderConfig,
  logger: Logger,
): Promise<EmbeddingProvider> {
  if (config.MNEMO_EMBEDDER_PROVIDER === 'openai') {
    logger.info({ model: config.MNEMO_EMBEDDING_MODEL, baseURL: config.OPENAI_BASE_URL }, 'openai embeddings');
    return new OpenAiEmbeddingProvider({
      apiKey: config.OPENAI_API_KEY ?? '',
      baseURL: config.OPENAI_BASE_URL,
      model: config.MNEMO_EMBEDDING_MODEL,
      dims: config.MNEMO_EMBEDDING_DIMS ?? defaultDims(config.MNEMO_EMBEDDING_MODEL),
      // Only ask for a size when one was configured: many compatible servers reject `dimensions`.
      sendDimensions: config.MNEMO_EMBEDDING_DIMS !== undefined,
      timeoutMs: config.MNEMO_LLM_TIMEOUT_MS,
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

/** The configured LLM, or undefined when the offline extractor is selected. */
export function createLlmProvider(
  config: ProviderConfig,
  observer?: LlmCallObserver,
): LlmProvider | undefined {
  if (config.MNEMO_LLM_PROVIDER !== 'openai') return undefined;
  return new OpenAiLlmProvider({
    apiKey: config.OPENAI_API_KEY ?? '',
    baseURL: config.OPENAI_BASE_URL,
    model: config.MNEMO_LLM_MODEL,
    timeoutMs: config.MNEMO_LLM_TIMEOUT_MS,
    maxRetries: 3,
    observer,
  });
}

const knownDims: Record<string, number> = {
  'text-embedding-3-small': 1536,
  'text-embedding-3-large': 3072,
  'text-embedding-ada-002': 1536,
};

function defaultDims(model: string): number {
  return knownDims[model] ?? 1536;
}
