import type { DataSource } from 'typeorm';
import { decodeVector, parseFilters, type ScoredMemory } from '@mnemo/contracts';
import { loadConfig } from '@mnemo/config';
import type { EmbedderClient } from '@mnemo/clients';
import { createMetrics } from '@mnemo/observability';
import { vectorStoreConfigSchema } from '../config/vector-store.config';
import { compileFilter } from '../filters';
import { MemoriesRepository } from '../memories/memories.repository';
import { MemoryVersionsRepository } from '../memories/memory-versions.repository';
import { MemoryEventsOutbox } from '../outbox/memory-events.outbox';
import { IndexFreshness } from '../search-index/index-freshness';
import { SearchIndex } from '../search-index/search-index';
import { SearchIndexMetrics } from '../search-index/search-index.metrics';
import { MemoryWritesRepository } from '../memories/memory-writes.repository';
import { MemoryEditsService } from '../writes/memory-edits.service';
import { WriteBatchApplier } from '../writes/write-batch.applier';
import { WriteGroupCommitter } from '../writes/write-group.committer';
import { WriteGroupMetrics } from '../writes/write-group.metrics';
import { rankHybrid } from './hybrid-ranking';
import { keywordTerms } from './keyword-scoring';
import { localRerank, localRerankDepth } from './local-rerank';
import { MemorySearchService, type SearchRequest } from './memory-search.service';

/** One vector-store instance's search and edit path over the shared database. */
export function instance(dataSource: DataSource, env: Record<string, string> = {}) {
  const config = loadConfig(vectorStoreConfigSchema, env);
  const repository = new MemoriesRepository(dataSource);
  const index = new SearchIndex(config);
  const metrics = createMetrics('vector-store', 'spec');
  const freshness = new IndexFreshness(new MemoryVersionsRepository(dataSource), index);
  const search = new MemorySearchService(
    repository,
    new MemoryVersionsRepository(dataSource),
    index,
    new SearchIndexMetrics(metrics, index),
    config,
  );
  // Edits without new text never call the embedder.
  const writes = new MemoryWritesRepository(dataSource);
  const committer = new WriteGroupCommitter(
    new WriteBatchApplier(writes, new MemoryEventsOutbox(), freshness),
    writes,
    undefined as unknown as EmbedderClient,
    new WriteGroupMetrics(metrics),
    config,
  );
  const edits = new MemoryEditsService(repository, writes, committer);
  return {
    config,
    repository,
    index,
    search,
    edits,
    freshness,
    registry: metrics.registry,
  };
}

export type Instance = ReturnType<typeof instance>;

/** Today's exact scan: every matching row from SQL, scored by the same ranking. */
export async function exactScan(node: Instance, request: SearchRequest): Promise<ScoredMemory[]> {
  const filter = parseFilters(request.filters, { dialect: request.filterDialect });
  const rows = await node.repository.findCandidates({
    projectId: request.projectId,
    where: compileFilter(filter, { tableAlias: 'm' }),
    showExpired: request.showExpired,
    limit: 1_000_000,
  });
  const query = {
    vector: decodeVector(request.queryVector),
    model: request.model,
    terms: keywordTerms(request.queryText),
  };
  const ranked = rankHybrid(rows, query, (row) => keywordTerms(row.record.memory), {
    topK: request.rerank ? Math.max(request.topK, localRerankDepth) : request.topK,
    threshold: request.threshold,
    explain: request.explain,
    fusion: node.config.MNEMO_SEARCH_FUSION,
    semanticWeight: node.config.MNEMO_SEARCH_SEMANTIC_WEIGHT,
    keywordWeight: node.config.MNEMO_SEARCH_KEYWORD_WEIGHT,
    keywordOnly: request.keywordSearch,
  });
  return request.rerank ? localRerank(ranked, request.queryText).slice(0, request.topK) : ranked;
}
