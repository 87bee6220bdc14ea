import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { z } from 'zod';
import {
  decodeVector,
  parseFilters,
  type ScoredMemory,
  type searchMemoriesContract,
} from '@mnemo/contracts';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { VectorStoreConfig } from '../config/vector-store.config';
import { compileFilter } from '../filters';
import { MemoriesRepository } from '../memories/memories.repository';
import type { StoredMemory } from '../memories/memory.row';
import { rankHybrid } from './hybrid-ranking';
import { keywordTerms } from './keyword-scoring';
import { assertBeforeDeadline } from './search-deadline';

export type SearchRequest = z.output<(typeof searchMemoriesContract)['request']>;

/** Scoped candidate set from SQL, scored in process: cosine fused with BM25. */
@Injectable()
export class MemorySearchService {
  // Keyword terms per memory text (keyed by its hash), so hot scopes are not re-tokenised per query.
  private readonly terms = new LRUCache<string, string[]>({ max: 200_000 });

  constructor(
    private readonly repository: MemoriesRepository,
    @Inject(APP_CONFIG) private readonly config: VectorStoreConfig,
  ) {}

  /** `deadline` (epoch ms) is the caller's: past it the search stops and answers a timeout. */
  async search(request: SearchRequest, deadline?: number): Promise<ScoredMemory[]> {
    const filter = parseFilters(request.filters, { dialect: request.filterDialect });
    const candidates = await this.repository.findCandidates({
      projectId: request.projectId,
      where: compileFilter(filter, { tableAlias: 'm' }),
      showExpired: request.showExpired,
      limit: this.config.MNEMO_SEARCH_CANDIDATE_LIMIT,
    });
    assertBeforeDeadline(deadline);
    const query = {
      vector: decodeVector(request.queryVector),
      model: request.model,
      terms: keywordTerms(request.queryText),
    };
    return rankHybrid(candidates, query, (memory) => this.termsOf(memory), {
      topK: request.topK,
      threshold: request.threshold,
      explain: request.explain,
      fusion: this.config.MNEMO_SEARCH_FUSION,
      semanticWeight: this.config.MNEMO_SEARCH_SEMANTIC_WEIGHT,
      keywordWeight: this.config.MNEMO_SEARCH_KEYWORD_WEIGHT,
      deadline,
    });
  }

  private termsOf(memory: StoredMemory): string[] {
    const key = memory.record.hash;
    let terms = this.terms.get(key);
    if (!terms) {
      terms = keywordTerms(memory.record.memory);
      this.terms.set(key, terms);
    }
    return terms;
  }
}
