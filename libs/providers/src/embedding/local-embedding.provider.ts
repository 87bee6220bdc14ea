import type { EmbeddingProvider, EmbeddingPurpose } from './embedding-provider';
import { loadGloveModel, type GloveModel, type LoadGloveModelOptions } from './glove-model.loader';
import { hashedUnitVector } from './hashed-vector';
import {
  DEFAULT_SIF_A,
  harmonicNumber,
  sifWeight,
  sifWeightsByRow,
  unknownTokenRank,
  zipfProbability,
} from './sif-weights';
import { splitCompound, tokenize } from './text-tokenizer';

export interface LocalEmbeddingProviderOptions {
  model: GloveModel;
  /** SIF smoothing constant (default 1e-3). */
  sifA?: number;
}

/** Reserved token whose hashed vector stands for a text without any token. */
const EMPTY_TEXT_TOKEN = '\u0000empty';

/**
 * Offline sentence embeddings: the SIF-weighted average of GloVe word vectors, L2-normalised.
 * Unknown tokens (typos, ids, CJK characters) add a hashed vector of typical length, so equal
 * unknown tokens still match. A text without tokens ("", "  ", "!!") gets one fixed unit vector:
 * vectors stay unit length (no NaN downstream) and such texts match only each other.
 * Queries and documents are embedded alike.
 */
export class LocalEmbeddingProvider implements EmbeddingProvider {
  readonly name = 'local';
  readonly model: string;
  readonly dims: number;
  private readonly glove: GloveModel;
  private readonly weights: Float64Array;
  private readonly sifA: number;
  private readonly harmonic: number;
  private readonly emptyVector: Float32Array;

  constructor(options: LocalEmbeddingProviderOptions) {
    this.glove = options.model;
    this.dims = options.model.dims;
    this.model = `glove-sg-${this.dims}d-sif`;
    this.sifA = options.sifA ?? DEFAULT_SIF_A;
    this.weights = sifWeightsByRow(options.model.count, this.sifA);
    this.harmonic = harmonicNumber(options.model.count);
    this.emptyVector = hashedUnitVector(EMPTY_TEXT_TOKEN, this.dims);
  }

  embed(texts: string[], _purpose: EmbeddingPurpose): Promise<Float32Array[]> {
    return Promise.resolve(texts.map((text) => this.embedText(text)));
  }

  /** Synchronous form of `embed` for one text. */
  embedText(text: string): Float32Array {
    const sum = new Float32Array(this.dims);
    for (const token of tokenize(text)) this.addToken(sum, token);
    let squares = 0;
    for (let i = 0; i < this.dims; i += 1) squares += sum[i] ** 2;
    if (squares === 0) return this.emptyVector.slice();
    const scale = 1 / Math.sqrt(squares);
    for (let i = 0; i < this.dims; i += 1) sum[i] *= scale;
    return sum;
  }

  /** SIF weight of a token: from its rank when known, from `unknownTokenRank` otherwise. */
  weightOf(token: string): number {
    const row = this.glove.vocabulary.rowOf(token);
    if (row >= 0) return this.weights[row];
    const rank = unknownTokenRank(token, this.glove.count);
    return sifWeight(zipfProbability(rank, this.glove.count, this.harmonic), this.sifA);
  }

  private addToken(sum: Float32Array, token: string): void {
    const row = this.glove.vocabulary.rowOf(token);
    if (row >= 0) {
      addScaled(sum, this.glove.vectors, row * this.dims, this.weights[row]);
    } else if (token.includes('-')) {
      for (const part of splitCompound(token)) this.addToken(sum, part);
    } else {
      const scale = this.weightOf(token) * this.glove.meanNorm;
      addScaled(sum, hashedUnitVector(token, this.dims), 0, scale);
    }
  }
}

function addScaled(sum: Float32Array, source: Float32Array, offset: number, scale: number): void {
  for (let i = 0; i < sum.length; i += 1) {
    sum[i] += source[offset + i] * scale;
  }
}

export interface CreateLocalEmbeddingProviderOptions extends LoadGloveModelOptions {
  cacheDir: string;
  sifA?: number;
}

/** Loads (converting on first start) the GloVe model from `cacheDir` and wraps it. */
export async function createLocalEmbeddingProvider(
  options: CreateLocalEmbeddingProviderOptions,
): Promise<LocalEmbeddingProvider> {
  const { cacheDir, sifA, ...loadOptions } = options;
  const model = await loadGloveModel(cacheDir, loadOptions);
  return new LocalEmbeddingProvider({ model, sifA });
}
