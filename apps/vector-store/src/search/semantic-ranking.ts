import type { ScoredMemory } from '@mnemo/contracts';
import type { StoredMemory } from '../memories/memory.row';

export interface RankingOptions {
  topK: number;
  threshold: number;
  explain: boolean;
}

/** Dot product of unit vectors, i.e. cosine similarity. */
export function cosine(a: Float32Array, b: Float32Array): number {
  const length = Math.min(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < length; i++) sum += a[i] * b[i];
  return sum;
}

/** Scores candidates against the query vector; the threshold gates the semantic score. */
export function rankBySemantic(
  candidates: StoredMemory[],
  query: Float32Array,
  model: string,
  options: RankingOptions,
): ScoredMemory[] {
  const scored: ScoredMemory[] = [];
  for (const candidate of candidates) {
    // Vectors of another model (or size) are not comparable with this query.
    if (candidate.embeddingModel !== model || candidate.embedding.length !== query.length) continue;
    const semantic = Math.max(0, cosine(candidate.embedding, query));
    if (semantic < options.threshold) continue;
    const item: ScoredMemory = { ...candidate.record, score: semantic };
    if (options.explain) {
      item.scoreDetails = {
        semanticScore: semantic,
        bm25Score: 0,
        entityBoost: 0,
        rawScore: semantic,
        maxPossibleScore: 1,
        finalScore: semantic,
        threshold: options.threshold,
      };
    }
    scored.push(item);
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, options.topK);
}
