import { createHash } from 'node:crypto';
import { mulberry32 } from '@mnemo/contracts';

/**
 * A deterministic unit vector for `text`: a PRNG seeded by the text's SHA-256. Equal texts get
 * equal vectors; similar texts get unrelated ones (this stands in for a model, not imitates it).
 */
export function fakeEmbedding(text: string, dims: number): number[] {
  const seed = createHash('sha256').update(text).digest();
  const next = mulberry32(seed.readUInt32LE(0) ^ seed.readUInt32LE(4));
  const vector = Array.from({ length: dims }, () => next() * 2 - 1);
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  return vector.map((v) => v / norm);
}
