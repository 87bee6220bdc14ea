import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** Bumped whenever the layout of the converted files changes, so old caches are rebuilt. */
export const GLOVE_CACHE_FORMAT = 'mnemo-glove-f32le-v1';
const BASE_NAME = 'glove-100d';

export interface GloveModelPaths {
  dir: string;
  /** Small JSON header; written last, so its presence marks a complete conversion. */
  headerPath: string;
  /** float32 little-endian, row-major, `count` rows of `dims` values. */
  vectorsPath: string;
  /** One word per line, row order (most frequent first). */
  wordsPath: string;
}

/** Where the word vectors come from: the wink package's JSON file. */
export interface GloveSource {
  packageName: string;
  version: string;
  jsonPath: string;
}

export const gloveHeaderSchema = z.object({
  format: z.literal(GLOVE_CACHE_FORMAT),
  dims: z.number().int().positive(),
  count: z.number().int().positive(),
  meanNorm: z.number().positive(),
  source: z.object({
    packageName: z.string(),
    version: z.string(),
    bytes: z.number().int().nonnegative(),
  }),
  vectorsBytes: z.number().int().positive(),
  vectorsSha256: z.string().regex(/^[0-9a-f]{64}$/),
  wordsBytes: z.number().int().positive(),
  wordsSha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type GloveHeader = z.output<typeof gloveHeaderSchema>;

export function gloveModelPaths(cacheDir: string): GloveModelPaths {
  return {
    dir: cacheDir,
    headerPath: join(cacheDir, `${BASE_NAME}.json`),
    vectorsPath: join(cacheDir, `${BASE_NAME}.f32`),
    wordsPath: join(cacheDir, `${BASE_NAME}.words.txt`),
  };
}

/** The header when it parses and both data files have the sizes it records, otherwise null. */
export async function readConsistentHeader(paths: GloveModelPaths): Promise<GloveHeader | null> {
  const header = await readHeader(paths.headerPath);
  if (!header) return null;
  if (header.vectorsBytes !== header.count * header.dims * Float32Array.BYTES_PER_ELEMENT) {
    return null;
  }
  const [vectors, words] = await Promise.all([sizeOf(paths.vectorsPath), sizeOf(paths.wordsPath)]);
  return vectors === header.vectorsBytes && words === header.wordsBytes ? header : null;
}

/** True when the header was converted from exactly this source file. */
export function headerMatchesSource(
  header: GloveHeader,
  source: GloveSource,
  bytes: number,
): boolean {
  return (
    header.source.packageName === source.packageName &&
    header.source.version === source.version &&
    header.source.bytes === bytes
  );
}

async function readHeader(path: string): Promise<GloveHeader | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  try {
    const parsed = gloveHeaderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

// Structural, not instanceof: errors may come from another realm (vm contexts, test sandboxes).
function isMissing(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT'
  );
}
