import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  type EntitySummary,
  type HistoryEntry,
  type MemoryRecord,
  type ScoredMemory,
} from '@mnemo/contracts';
import { EmbedderClient, VectorStoreClient } from '@mnemo/clients';
import { FairLimiter } from '@mnemo/messaging';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { GatewayConfig } from '../config/gateway.config';
import { LLM_RERANKER, type LlmReranker } from './llm-reranker';

export interface SearchInput {
  projectId: string;
  query: string;
  filters: Record<string, unknown>;
  filterDialect: 'oss' | 'platform';
  topK: number;
  threshold: number;
  explain: boolean;
  showExpired: boolean;
  /** reorder the best memories: by the LLM when one is configured, by phrases and proximity offline */
  rerank?: boolean;
  /** rank by keywords (BM25) alone */
  keywordSearch?: boolean;
}

export interface ListInput {
  projectId: string;
  filters: Record<string, unknown>;
  filterDialect: 'oss' | 'platform';
  showExpired: boolean;
  limit: number;
  offset: number;
}

/** Reads: search (embedder, then vector-store) and get. */
@Injectable()
export class MemoryQueryService {
  /**
   * Searches wait their project's turn here, before they cost an embedding: a project sending
   * faster than it is served queues (then gets 429) at the edge, not in every service behind it.
   */
  private readonly searchSlots: FairLimiter;
  private readonly searchTimeoutMs: number;

  constructor(
    private readonly embedder: EmbedderClient,
    private readonly vectorStore: VectorStoreClient,
    @Inject(LLM_RERANKER) private readonly reranker: LlmReranker | null,
    @Inject(APP_CONFIG) config: GatewayConfig,
  ) {
    this.searchSlots = new FairLimiter({
      concurrency: config.MNEMO_SEARCH_CONCURRENCY,
      perKey: config.MNEMO_SEARCH_CONCURRENCY_PER_PROJECT,
      maxQueuedPerKey: config.MNEMO_SEARCH_QUEUE_PER_PROJECT,
      // A search here mostly waits on the embedder and the vector-store: no CPU share to repay.
      restAfterTask: false,
    });
    this.searchTimeoutMs = config.MNEMO_REQUEST_TIMEOUT_MS;
  }

  async search(input: SearchInput): Promise<ScoredMemory[]> {
    if (input.query.trim() === '')
      throw new DomainError('validation_failed', 'query must not be empty');
    if (input.threshold < 0 || input.threshold > 1) {
      throw new DomainError('validation_failed', 'threshold must be between 0 and 1');
    }
    this.vectorStore.assertSearchAccepted(input.projectId);
    const deadline = Date.now() + this.searchTimeoutMs;
    // With an LLM the vector-store answers the fused order, deep enough for the LLM to reorder;
    // without one it reranks locally.
    const llm = input.rerank ? this.reranker : null;
    const topK = llm ? llm.depth(input.topK) : input.topK;
    const localRerank = !llm && (input.rerank ?? false);
    const found = await this.searchSlots.run(
      input.projectId,
      () => this.embedAndSearch(input, topK, localRerank),
      deadline,
    );
    // Waited for outside the project's search slot: the LLM call holds no embedder or store work.
    return llm ? llm.rerank(input.query, found, input.topK) : found;
  }

  private async embedAndSearch(
    input: SearchInput,
    topK: number,
    rerank: boolean,
  ): Promise<ScoredMemory[]> {
    const query = await this.embedder.embedQuery(input.query);
    return this.vectorStore.search({
      projectId: input.projectId,
      filters: input.filters,
      filterDialect: input.filterDialect,
      queryText: input.query,
      queryVector: query.vector,
      model: query.model,
      topK,
      threshold: input.threshold,
      explain: input.explain,
      showExpired: input.showExpired,
      keywordSearch: input.keywordSearch ?? false,
      rerank,
    });
  }

  get(projectId: string, memoryId: string): Promise<MemoryRecord | null> {
    return this.vectorStore.get(projectId, memoryId);
  }

  /** A memory that must exist: 404 otherwise. */
  async require(projectId: string, memoryId: string): Promise<MemoryRecord> {
    const memory = await this.vectorStore.get(projectId, memoryId);
    if (!memory) throw new DomainError('not_found', 'Memory not found');
    return memory;
  }

  list(input: ListInput): Promise<{ results: MemoryRecord[]; total: number }> {
    return this.vectorStore.list(input);
  }

  async history(projectId: string, memoryId: string): Promise<HistoryEntry[]> {
    const history = await this.vectorStore.history(projectId, memoryId);
    if (history.length === 0) await this.require(projectId, memoryId);
    return history;
  }

  entities(projectId: string): Promise<EntitySummary[]> {
    return this.vectorStore.entities(projectId);
  }
}
