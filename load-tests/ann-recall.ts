// Recall of the vector-store's ANN path: `npx tsx load-tests/ann-recall.ts [--memories 100000]
// [--embedder local|fake-openai] [--queries 200] [--no-exact]`. Builds one scope in process from the texts the
// direct seeder writes, with the same embedder's vectors, and ranks each query twice with the
// vector-store's own code: exactly over every memory, and over the HNSW path's candidates. Prints
// recall@10 (share of the exact top 10 the ANN path returns) and the time of each, single-thread.
// `--no-exact` times the ANN path alone (no recall): the exact scans between its queries leave
// the caches cold, as a busy service does, so the two timings differ.
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLocalEmbeddingProvider } from '@mnemo/providers';
import { fakeEmbedding, memoryRecordFixture } from '@mnemo/testing';
import { DEFAULT_ANN_CANDIDATES } from '../apps/vector-store/src/config/vector-store.config';
import { buildAnn } from '../apps/vector-store/src/search-index/ann-build';
import { annCandidates } from '../apps/vector-store/src/search-index/ann-candidates';
import { ScopeIndex } from '../apps/vector-store/src/search-index/scope-index';
import { rankHybrid, type RankingOptions } from '../apps/vector-store/src/search/hybrid-ranking';
import { keywordTerms } from '../apps/vector-store/src/search/keyword-scoring';
import { distinctTexts } from './runner/bulk-seeder';
import { loadCorpus, Workload } from './runner/workload';

const options: RankingOptions = {
  topK: 10,
  threshold: 0,
  explain: false,
  fusion: 'minmax',
  semanticWeight: 0.5,
  keywordWeight: 0.5,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      memories: { type: 'string', default: '100000' },
      queries: { type: 'string', default: '200' },
      candidates: { type: 'string', default: String(DEFAULT_ANN_CANDIDATES) },
      embedder: { type: 'string', default: 'local' },
      'no-exact': { type: 'boolean', default: false },
    },
  });
  const memories = Number(values.memories);
  const embed = await embedderOf(values.embedder);
  const workload = new Workload(loadCorpus(), 1, 7);
  const texts = distinctTexts(workload, memories, 1);
  log(`embedding ${texts.length} texts (${values.embedder})`);
  const scope = new ScopeIndex({ projectId: 'p', conditions: [], key: 'p' }, 1, (m) =>
    keywordTerms(m.record.memory),
  );
  texts.forEach((text, n) => scope.upsert(storedMemory(`m${n}`, text, embed)));
  let started = performance.now();
  await buildAnn(scope, Number(values.candidates), () => true);
  log(
    `graph of ${scope.memories.size} built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const queries = Array.from({ length: Number(values.queries) }, () => workload.queryText());
  const timing = { exact: 0, ann: 0 };
  let recall = 0;
  const ranked: number[] = [];
  for (const text of queries) {
    const query = { vector: embed.vector(text), model: embed.model, terms: keywordTerms(text) };
    const termsOf = (m: { terms: string[] }) => m.terms;
    started = performance.now();
    const exact = values['no-exact']
      ? []
      : rankHybrid([...scope.memories.values()], query, termsOf, options);
    timing.exact += performance.now() - started;
    started = performance.now();
    const picked = annCandidates(
      scope,
      scope.ann!,
      { ...query, topK: 10 },
      Number(values.candidates),
      options,
    );
    ranked.push(picked!.memories.length);
    const ann = rankHybrid(picked!.memories, query, termsOf, {
      ...options,
      keywordCorpus: picked!.corpus,
      scores: picked!.scores,
    });
    timing.ann += performance.now() - started;
    const found = new Set(ann.map((m) => m.id));
    recall += exact.filter((m) => found.has(m.id)).length / Math.max(1, exact.length);
  }
  const n = queries.length;
  process.stdout.write(
    [
      `memories ${scope.memories.size}, dims ${embed.dims}, queries ${n}, candidates ${values.candidates}`,
      values['no-exact']
        ? 'recall@10 not measured (--no-exact)'
        : `recall@10 of the ANN path against the exact ranking: ${(recall / n).toFixed(4)}`,
      `mean ms per ranking, one thread: exact ${(timing.exact / n).toFixed(2)}, ann ${(timing.ann / n).toFixed(2)}`,
      `graph + postings bytes: ${scope.ann!.bytes}, memories bytes: ${scope.bytes} (${(scope.totalBytes / scope.memories.size).toFixed(0)} per memory)`,
      `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
      '',
    ].join('\n'),
  );
  ranked.sort((a, b) => a - b);
  const at = (share: number) => ranked[Math.min(n - 1, Math.floor(share * n))];
  log(`candidates the ANN path ranked: median ${at(0.5)}, p90 ${at(0.9)}, max ${at(1)}`);
}

interface Embed {
  model: string;
  dims: number;
  vector(text: string): Float32Array;
}

async function embedderOf(kind: string | undefined): Promise<Embed> {
  if (kind === 'fake-openai') {
    // The fake OpenAI-compatible server's vectors, computed as it computes them.
    return {
      model: 'text-embedding-3-small',
      dims: 1536,
      vector: (text) => Float32Array.from(fakeEmbedding(text, 1536)),
    };
  }
  const local = await createLocalEmbeddingProvider({
    cacheDir: join(__dirname, '..', '.cache', 'models'),
  });
  return { model: local.model, dims: local.dims, vector: (text) => local.embedText(text) };
}

function storedMemory(id: string, text: string, embed: Embed) {
  const record = { ...memoryRecordFixture(id, 'u1'), memory: text, hash: id };
  return { record, embedding: embed.vector(text), embeddingModel: embed.model };
}

function log(line: string): void {
  process.stderr.write(`[ann-recall] ${line}\n`);
}

void main();
