/**
 * mulberry32: a tiny seeded generator of uniform numbers in [0, 1), the same sequence on every
 * host. Its sequence is a format, not a detail: the local embedder's hashed vectors (stored with
 * the memories) and the fake OpenAI server's embeddings are drawn from it, so it must never change.
 */
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
