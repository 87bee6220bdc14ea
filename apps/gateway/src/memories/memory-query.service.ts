import { Injectable } from '@nestjs/common';
import { DomainError, type MemoryRecord, type ScoredMemory } from '@mnemo/contracts';
import { EmbedderClient, VectorStoreClient } from '@mnemo/clients';

export interface SearchInput {
  projectId: string;
  query: string;
  filters: Record<string, unknown>;
  filterDialect: 'oss' | 'platform';
  topK: number;
  threshold: number;
  explain: boolean;
  showExpired: boolean;
}

/** Reads: search (embedder, then vector-store) and get. */
@Injectable()
export class MemoryQueryService {
  constructor(
    private readonly embedder: EmbedderClient,
    private readonly vectorStore: VectorStoreClient,
  ) {}

  async search(input: SearchInput): Promise<ScoredMemory[]> {
    if (input.query.trim() === '')
      throw new DomainError('validation_failed', 'query must not be empty');
    if (input.threshold < 0 || input.threshold > 1) {
      throw new DomainError('validation_failed', 'threshold must be between 0 and 1');
    }
    const query = await this.embedder.embedQuery(input.query);
    return this.vectorStore.search({
      projectId: input.projectId,
      filters: input.filters,
      filterDialect: input.filterDialect,
      queryText: input.query,
      queryVector: query.vector,
      model: query.model,
      topK: input.topK,
      threshold: input.threshold,
      explain: input.explain,
      showExpired: input.showExpired,
    });
  }

  get(projectId: string, memoryId: string): Promise<MemoryRecord | null> {
    return this.vectorStore.get(projectId, memoryId);
  }
}
