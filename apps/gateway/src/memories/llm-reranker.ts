import type { OnApplicationShutdown } from '@nestjs/common';
import type { ScoredMemory } from '@mnemo/contracts';
import type { Logger } from '@mnemo/observability';
import { isProviderError, OpenAiLlmProvider, type LlmProvider } from '@mnemo/providers';
import type { GatewayConfig } from '../config/gateway.config';
import { applyRerankScores, parseRerankScores, rerankPrompt } from './rerank-answer';

/** Injection token of the optional reranker: `@Inject(LLM_RERANKER) reranker: LlmReranker | null`. */
export const LLM_RERANKER = Symbol('LLM_RERANKER');

/** Memories one prompt judges at most, however large top_k is. */
const maxJudged = 100;

/**
 * `rerank: true` with an LLM configured: one chat call judges the best fused memories and its
 * scores order them. Any failure (error, timeout, open circuit, unreadable answer) answers the
 * fused order instead: a rerank never fails a search.
 */
export class LlmReranker implements OnApplicationShutdown {
  constructor(
    private readonly llm: LlmProvider & { close(): void },
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly candidates: number,
  ) {}

  /** How many fused memories to fetch for a search of `topK`. */
  depth(topK: number): number {
    return Math.max(topK, this.candidates);
  }

  /** The first `topK` of `fused` (best first), reordered by the LLM's judgement when it gives one. */
  async rerank(query: string, fused: ScoredMemory[], topK: number): Promise<ScoredMemory[]> {
    const judged = fused.slice(0, maxJudged);
    if (judged.length === 0) return [];
    try {
      const answer = await this.llm.complete({
        messages: rerankPrompt(query, judged),
        json: true,
        temperature: 0,
      });
      const scores = parseRerankScores(answer, judged.length);
      if (scores) return applyRerankScores(fused, scores).slice(0, topK);
      this.logger.warn(
        { fault: 'bad_output', answerChars: answer.length },
        'the rerank answer held no usable scores; fused order kept',
      );
    } catch (err) {
      const code = isProviderError(err) ? err.code : 'unknown';
      this.logger.warn({ fault: code, err }, 'the rerank call failed; fused order kept');
    }
    return fused.slice(0, topK);
  }

  /** Stops the circuit breaker's timers. */
  onApplicationShutdown(): void {
    this.llm.close();
  }
}

/** The reranker over the configured OpenAI-compatible LLM, or null offline. */
export function createLlmReranker(
  config: GatewayConfig,
  logger: Pick<Logger, 'warn'>,
): LlmReranker | null {
  if (config.MNEMO_LLM_PROVIDER !== 'openai') return null;
  const llm = new OpenAiLlmProvider({
    name: 'rerank',
    apiKey: config.OPENAI_API_KEY ?? '',
    baseURL: config.OPENAI_BASE_URL,
    model: config.MNEMO_RERANK_MODEL ?? config.MNEMO_LLM_MODEL,
    // One attempt within a short deadline: a search waits for it.
    timeoutMs: config.MNEMO_RERANK_TIMEOUT_MS,
    maxRetries: 0,
    breaker: { capacity: config.MNEMO_SEARCH_CONCURRENCY },
  });
  return new LlmReranker(llm, logger, config.MNEMO_RERANK_CANDIDATES);
}
