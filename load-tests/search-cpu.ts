// CPU per search in the vector-store, in process: `npx tsx load-tests/search-cpu.ts [--memories 500]
// [--scopes 20] [--dims 1536] [--searches 4000]`. Builds the scopes the direct seeder writes (its
// texts, fake-openai vectors, 25 rows per write instant) in the real SearchIndex and runs the real
// MemorySearchService over them, with the bus's decode and encode of each request and answer
// around it; only the version lookup (one SQL row per search) is stubbed. Prints the mean CPU per
// search of each part and a digest of every answer (ids and scores), to compare two versions of
// the code: equal digests, equal answers. It runs the sources through tsx, not the build, so use it
// to compare versions; the services' own CPU (npm run bench) gives the absolute numbers.
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { encodeVector, parseFilters, searchMemoriesContract } from '@mnemo/contracts';
import { decodeJson, encodeJson } from '@mnemo/messaging';
import { fakeEmbedding, memoryRecordFixture } from '@mnemo/testing';
import {
  DEFAULT_ANN_CANDIDATES,
  type VectorStoreConfig,
} from '../apps/vector-store/src/config/vector-store.config';
import type { MemoriesRepository } from '../apps/vector-store/src/memories/memories.repository';
import type { MemoryVersionsRepository } from '../apps/vector-store/src/memories/memory-versions.repository';
import { splitFilter } from '../apps/vector-store/src/search-index/index-scope';
import { ScopeIndex } from '../apps/vector-store/src/search-index/scope-index';
import { SearchIndex } from '../apps/vector-store/src/search-index/search-index';
import type { SearchIndexMetrics } from '../apps/vector-store/src/search-index/search-index.metrics';
import { keywordTerms } from '../apps/vector-store/src/search/keyword-scoring';
import { MemorySearchService } from '../apps/vector-store/src/search/memory-search.service';
import { distinctTexts } from './runner/bulk-seeder';
import { loadCorpus, Workload } from './runner/workload';

const model = 'text-embedding-3-small';
const rowsPerInstant = 25;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      memories: { type: 'string', default: '500' },
      scopes: { type: 'string', default: '20' },
      dims: { type: 'string', default: '1536' },
      searches: { type: 'string', default: '4000' },
    },
  });
  const [perScope, scopes, dims] = [values.memories, values.scopes, values.dims].map(Number);
  const config = {
    MNEMO_INDEX_MEMORY_MB: 4096,
    MNEMO_SEARCH_CANDIDATE_LIMIT: 100_000,
    MNEMO_SEARCH_ANN_MIN_MEMORIES: 20_000,
    MNEMO_SEARCH_ANN_CANDIDATES: DEFAULT_ANN_CANDIDATES,
    MNEMO_SEARCH_FUSION: 'minmax',
    MNEMO_SEARCH_SEMANTIC_WEIGHT: 0.5,
    MNEMO_SEARCH_KEYWORD_WEIGHT: 0.5,
  } as VectorStoreConfig;
  const index = new SearchIndex(config);
  const workload = new Workload(loadCorpus(), scopes, 7);
  const texts = distinctTexts(workload, perScope * scopes, scopes);
  for (let s = 0; s < scopes; s++) index.put(scopeOf(s, texts, scopes, dims));
  const service = new MemorySearchService(
    {} as MemoriesRepository,
    {
      current: () => Promise.resolve({ version: 1, today: '2026-12-07' }),
    } as unknown as MemoryVersionsRepository,
    index,
    { lookup: () => undefined, scored: () => undefined } as unknown as SearchIndexMetrics,
    config,
  );
  const requests = Array.from({ length: Number(values.searches) }, (_, n) =>
    encodeJson({
      projectId: 'p1',
      filters: { user_id: Workload.scopeUser(n % scopes) },
      filterDialect: 'oss',
      queryText: workload.queryText(),
      queryVector: '',
      model,
      topK: 10,
      threshold: 0,
    }),
  );
  // The query vectors as the embedder sends them, filled in outside the timed part.
  const vectors = requests.map((data) => {
    const body = decodeJson(data) as { queryText: string };
    return encodeVector(Float32Array.from(fakeEmbedding(body.queryText, dims)));
  });
  const bodies = requests.map((data, n) => {
    const body = decodeJson(data) as Record<string, unknown>;
    return encodeJson({ ...body, queryVector: vectors[n] });
  });
  const digest = createHash('sha256');
  const time = { decode: 0, search: 0, encode: 0 };
  for (let round = 0; round < 2; round++) {
    for (const data of bodies) {
      let started = process.cpuUsage();
      const request = searchMemoriesContract.request.parse(decodeJson(data));
      const decoded = process.cpuUsage(started);
      started = process.cpuUsage();
      const results = await service.search(request);
      const searched = process.cpuUsage(started);
      started = process.cpuUsage();
      const reply = encodeJson({ ok: true, data: { results } });
      const encoded = process.cpuUsage(started);
      // The first round warms the JIT; the second is measured.
      if (round === 0) continue;
      time.decode += decoded.user + decoded.system;
      time.search += searched.user + searched.system;
      time.encode += encoded.user + encoded.system;
      digest.update(reply);
    }
  }
  const n = bodies.length;
  const us = (value: number) => `${(value / n).toFixed(0)} us`;
  process.stdout.write(
    [
      `${scopes} scopes x ${perScope} memories, ${dims}-d, ${n} searches (CPU per search)`,
      `decode + validate ${us(time.decode)}, search ${us(time.search)}, encode ${us(time.encode)}`,
      `answers digest ${digest.digest('hex').slice(0, 16)}`,
      '',
    ].join('\n'),
  );
}

/** Scope `s`: text n goes to scope n mod scopes, 25 rows per write instant, as the seeder writes. */
function scopeOf(s: number, texts: string[], scopes: number, dims: number): ScopeIndex {
  const userId = Workload.scopeUser(s);
  const { scope } = splitFilter('p1', parseFilters({ user_id: userId }, { dialect: 'oss' }));
  const loaded = new ScopeIndex(scope, 1, (m) => keywordTerms(m.record.memory));
  let row = 0;
  for (let n = s; n < texts.length; n += scopes, row++) {
    const at = new Date(
      Date.UTC(2026, 11, 7, 9, 0, Math.floor(row / rowsPerInstant)),
    ).toISOString();
    const record = memoryRecordFixture(`m${n}`, userId, {
      memory: texts[n],
      hash: createHash('md5').update(texts[n]).digest('hex'),
      createdAt: at,
      updatedAt: at,
    });
    const embedding = Float32Array.from(fakeEmbedding(texts[n], dims));
    loaded.upsert({ record, embedding, embeddingModel: model });
  }
  return loaded;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
