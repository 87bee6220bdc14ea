import { Inject, Injectable } from '@nestjs/common';
import { decodeVector, parseFilters, type ScoredMemory } from '@mnemo/contracts';
import type { z } from 'zod';
import type { searchMemoriesContract } from '@mnemo/contracts';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { VectorStoreConfig } from '../config/vector-store.config';
import { compileFilter } from '../filters';
import { MemoriesRepository } from '../memories/memories.repository';
import { rankBySemantic } from './semantic-ranking';

export type SearchRequest = z.output<(typeof searchMemoriesContract)['request']>;

/** Scoped candidate set from SQL, scored in process. */
@Injectable()
export class MemorySearchService {
  constructor(
    private readonly repository: MemoriesRepository,
    @Inject(APP_CONFIG) private readonly config: VectorStoreConfig,
  ) {}

  async search(request: SearchRequest): Promise<ScoredMemory[]> {
    const filter = parseFilters(request.filters, { dialect: request.filterDialect });
    const candidates = await this.repository.findCandidates({
      projectId: request.projectId,
      where: compileFilter(filter, { tableAlias: 'm' }),
      showExpired: request.showExpired,
      limit: this.config.MNEMO_SEARCH_CANDIDATE_LIMIT,
    });
    return rankBySemantic(candidates, decodeVector(request.queryVector), request.model, {
      topK: request.topK,
      threshold: request.threshold,
      explain: request.explain,
    });
  }
}
