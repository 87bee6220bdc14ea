import { setImmediate as nextTurnOfTheLoop } from 'node:timers/promises';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { z } from 'zod';
import {
  decodeVector,
  DomainError,
  parseFilters,
  type FilterNode,
  type ScoredMemory,
  type searchMemoriesContract,
} from '@mnemo/contracts';
import { hasCjk } from '@mnemo/providers';
import type { Logger } from '@mnemo/observability';
import { APP_CONFIG, LOGGER } from '@mnemo/service-kit';
import type { VectorStoreConfig } from '../config/vector-store.config';
import { compileFilter } from '../filters';
import { MemoriesRepository } from '../memories/memories.repository';
import { MemoryVersionsRepository } from '../memories/memory-versions.repository';
import type { StoredMemory } from '../memories/memory.row';
import { scopeFilter, splitFilter, type IndexScope } from '../search-index/index-scope';
import { SearchIndex } from '../search-index/search-index';
import { SearchIndexMetrics } from '../search-index/search-index.metrics';
import { adoptAnn, buildAnn } from '../search-index/ann-build';
import { annCandidates } from '../search-index/ann-candidates';
import { ScopeIndex, type IndexedMemory } from '../search-index/scope-index';
import {
  rankHybrid,
  rankHybridYielding,
  rankingSlice,
  type CandidateScores,
  type RankingQuery,
} from './hybrid-ranking';
import { keywordTerms, positionalTerms, type Bm25Corpus } from './keyword-scoring';
import { localRerank, localRerankDepth } from './local-rerank';
import type { RankingSet } from './ranking-set';
import { assertBeforeDeadline } from './search-deadline';

export type SearchRequest = z.output<(typeof searchMemoriesContract)['request']>;

interface Candidates {
  memories: StoredMemory[];
  /** BM25 statistics of the set the candidates were picked from, when they are not all of it */
  corpus?: Bm25Corpus;
  /** the scope's precomputed ranking data, when the candidates are all of its memories */
  prepared?: RankingSet;
  /** the candidates' scores, when the ANN path computed them while picking */
  scores?: CandidateScores;
}

/**
 * Cosine fused with BM25 over the search's candidates. The scope comes from the in-memory index
 * (current to the project's write version); other filter conditions narrow it by an id set from
 * SQL; a scope over the candidate limit is scored from SQL rows of the full filter instead. A set
 * of at least MNEMO_SEARCH_ANN_MIN_MEMORIES in a scope with an HNSW graph is ranked on the
 * candidates that can reach its top (see ann-candidates.ts) instead of on every memory.
 */
@Injectable()
export class MemorySearchService {
  // Keyword terms per memory text (keyed by its hash), so reloads and exact scans skip tokenising.
  private readonly terms = new LRUCache<string, string[]>({ max: 200_000 });
  // The same in text order, for the texts where they differ (Han or kana): the local reranker's.
  private readonly phraseTerms = new LRUCache<string, string[]>({ max: 20_000 });
  // One load per scope and version at a time, however many searches wait for it.
  private readonly loading = new Map<string, Promise<ScopeIndex | undefined>>();
  // Scopes whose graph is being built; searches are answered exactly meanwhile.
  private readonly building = new WeakSet<ScopeIndex>();

  constructor(
    private readonly repository: MemoriesRepository,
    private readonly versions: MemoryVersionsRepository,
    private readonly index: SearchIndex,
    private readonly metrics: SearchIndexMetrics,
    @Inject(APP_CONFIG) private readonly config: VectorStoreConfig,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {}

  /** `deadline` (epoch ms) is the caller's: past it the search stops and answers a timeout. */
  async search(request: SearchRequest, deadline?: number): Promise<ScoredMemory[]> {
    const filter = parseFilters(request.filters, { dialect: request.filterDialect });
    const query = {
      vector: decodeVector(request.queryVector),
      model: request.model,
      terms: keywordTerms(request.queryText),
    };
    // `rerank` reorders more than it answers: the second stage may lift one from below top_k.
    const depth = request.rerank ? Math.max(request.topK, localRerankDepth) : request.topK;
    const candidates = await this.candidates(request, filter, query, depth);
    assertBeforeDeadline(deadline);
    // A large set is ranked in slices, so another tenant's small search does not wait for it.
    const rank = candidates.memories.length > rankingSlice ? rankHybridYielding : rankHybrid;
    const ranked = await rank(candidates.memories, query, (memory) => this.termsOf(memory), {
      topK: depth,
      threshold: request.threshold,
      explain: request.explain,
      fusion: this.config.MNEMO_SEARCH_FUSION,
      semanticWeight: this.config.MNEMO_SEARCH_SEMANTIC_WEIGHT,
      keywordWeight: this.config.MNEMO_SEARCH_KEYWORD_WEIGHT,
      deadline,
      keywordCorpus: candidates.corpus,
      keywordOnly: request.keywordSearch,
      prepared: candidates.prepared,
      scores: candidates.scores,
    });
    if (!request.rerank) return ranked;
    const reranked = localRerank(ranked, request.queryText, (memory) => this.inTextOrder(memory));
    return reranked.slice(0, request.topK);
  }

  /** Every memory the filter matches (or all that can rank), or an error: never a cut set. */
  private async candidates(
    request: SearchRequest,
    filter: FilterNode,
    query: RankingQuery,
    depth: number,
  ): Promise<Candidates> {
    const { scope, narrowed } = splitFilter(request.projectId, filter);
    const { version, today } = await this.versions.current(request.projectId);
    const loaded = await this.scopeAt(scope, version);
    if (!loaded) return this.scored({ memories: await this.exactCandidates(request, filter) });
    let allowed: IndexedMemory[] | undefined;
    if (narrowed) {
      const ids = await this.repository.candidateIds(this.candidateQuery(request, filter));
      this.assertComplete(ids.length);
      allowed = ids.flatMap((id) => loaded.memories.get(id) ?? []);
    }
    const ann = this.annOf(loaded, query, request, allowed, depth);
    if (ann) return this.scored(ann, 'ann');
    if (allowed) return this.scored({ memories: allowed });
    const prepared = loaded.ranking();
    if (request.showExpired || prepared.noneExpired(today)) {
      return this.scored({ memories: prepared.memories, prepared });
    }
    return this.scored({
      memories: prepared.memories.filter(
        (m) => m.record.expirationDate === null || m.record.expirationDate >= today,
      ),
    });
  }

  /** The ANN path's candidates when the set is large and the scope's graph serves this query. */
  private annOf(
    loaded: ScopeIndex,
    query: RankingQuery,
    request: SearchRequest,
    allowed: IndexedMemory[] | undefined,
    depth: number,
  ): Candidates | undefined {
    const ann = loaded.ann;
    const size = allowed?.length ?? loaded.memories.size;
    if (!ann || size < this.config.MNEMO_SEARCH_ANN_MIN_MEMORIES) return undefined;
    if (!ann.serves(query.model, query.vector.length, request.showExpired)) return undefined;
    return annCandidates(
      loaded,
      ann,
      { vector: query.vector, terms: query.terms, topK: depth },
      this.config.MNEMO_SEARCH_ANN_CANDIDATES,
      {
        fusion: this.config.MNEMO_SEARCH_FUSION,
        semanticWeight: this.config.MNEMO_SEARCH_SEMANTIC_WEIGHT,
        keywordWeight: this.config.MNEMO_SEARCH_KEYWORD_WEIGHT,
        threshold: request.threshold,
        keywordOnly: request.keywordSearch,
      },
      allowed,
    );
  }

  private scored(candidates: Candidates, path: 'ann' | 'exact' = 'exact'): Candidates {
    this.metrics.scored(path);
    return candidates;
  }

  private async scopeAt(scope: IndexScope, version: number): Promise<ScopeIndex | undefined> {
    const cached = this.index.get(scope.key, version);
    if (cached) {
      this.metrics.lookup('hit');
      this.startAnnBuild(cached);
      return cached;
    }
    const loadKey = `${version}:${scope.key}`;
    let pending = this.loading.get(loadKey);
    if (!pending) {
      pending = this.load(scope, version).finally(() => this.loading.delete(loadKey));
      this.loading.set(loadKey, pending);
    }
    return pending;
  }

  // Rows are read after the version, so they hold at least every write up to it.
  private async load(scope: IndexScope, version: number): Promise<ScopeIndex | undefined> {
    const started = performance.now();
    const rows = await this.repository.findCandidates({
      projectId: scope.projectId,
      where: compileFilter(scopeFilter(scope), { tableAlias: 'm' }),
      showExpired: true,
      limit: this.config.MNEMO_SEARCH_CANDIDATE_LIMIT,
    });
    if (rows.length > this.config.MNEMO_SEARCH_CANDIDATE_LIMIT) {
      this.metrics.lookup('too_large');
      return undefined;
    }
    const loaded = new ScopeIndex(scope, version, (memory) => this.termsOf(memory));
    for (let i = 0; i < rows.length; i++) {
      loaded.upsert(rows[i]);
      // Indexing a large scope (every text stemmed) in one pass would stall other tenants' reads.
      if (i % loadSliceRows === loadSliceRows - 1) await nextTurnOfTheLoop();
    }
    const previous = this.index.peek(scope.key);
    if (previous && previous.version < version) adoptAnn(loaded, previous);
    this.index.put(loaded);
    this.metrics.lookup('miss');
    this.metrics.loaded((performance.now() - started) / 1000);
    this.startAnnBuild(loaded);
    return loaded;
  }

  /** A scope past the threshold without a graph gets one, built while searches go on. */
  private startAnnBuild(loaded: ScopeIndex): void {
    if (loaded.ann || this.building.has(loaded)) return;
    if (loaded.memories.size < this.config.MNEMO_SEARCH_ANN_MIN_MEMORIES) return;
    this.building.add(loaded);
    const started = performance.now();
    const current = () => this.index.peek(loaded.scope.key) === loaded;
    buildAnn(loaded, this.config.MNEMO_SEARCH_ANN_CANDIDATES, current)
      .then((built) => {
        if (!built) return;
        this.index.resized(loaded);
        this.metrics.annBuilt((performance.now() - started) / 1000);
      })
      .catch((err: unknown) => {
        // A graph that failed to build (say, no room in the temporary directory for its hand-over
        // file) leaves the scope exact; the next reload tries again.
        this.logger?.warn(
          { err, memories: loaded.memories.size },
          'HNSW graph build failed; the scope is answered exactly',
        );
        loaded.ann = undefined;
      })
      .finally(() => this.building.delete(loaded));
  }

  private async exactCandidates(request: SearchRequest, filter: FilterNode) {
    const rows = await this.repository.findCandidates(this.candidateQuery(request, filter));
    this.assertComplete(rows.length);
    return rows;
  }

  private candidateQuery(request: SearchRequest, filter: FilterNode) {
    return {
      projectId: request.projectId,
      where: compileFilter(filter, { tableAlias: 'm' }),
      showExpired: request.showExpired,
      limit: this.config.MNEMO_SEARCH_CANDIDATE_LIMIT,
    };
  }

  private assertComplete(count: number): void {
    const limit = this.config.MNEMO_SEARCH_CANDIDATE_LIMIT;
    if (count <= limit) return;
    throw new DomainError(
      'payload_too_large',
      `The search matches more than ${limit} memories (MNEMO_SEARCH_CANDIDATE_LIMIT); narrow it with filters.`,
    );
  }

  private termsOf(memory: StoredMemory): string[] {
    return (memory as { terms?: string[] }).terms ?? this.cachedTerms(memory.record);
  }

  private cachedTerms(record: { hash: string; memory: string }): string[] {
    let terms = this.terms.get(record.hash);
    if (!terms) {
      terms = keywordTerms(record.memory);
      this.terms.set(record.hash, terms);
    }
    return terms;
  }

  /** A memory's `positionalTerms` without tokenising it again: its keyword terms, unless CJK. */
  private inTextOrder(record: { hash: string; memory: string }): string[] {
    if (!hasCjk(record.memory)) return this.cachedTerms(record);
    let terms = this.phraseTerms.get(record.hash);
    if (!terms) {
      terms = positionalTerms(record.memory);
      this.phraseTerms.set(record.hash, terms);
    }
    return terms;
  }
}

/** Rows indexed between two turns of the event loop while a scope loads (a few ms of work). */
const loadSliceRows = 64;
