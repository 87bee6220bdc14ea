import { createHash } from 'node:crypto';

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

/** A tiny, well-known 32-bit PRNG: fast and plenty for test vectors and seeded specs. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
