import { createHash } from 'node:crypto';
import { fakeEmbedding } from './fake-embedding';

/** The SHA-256 of a vector's numbers as 64-bit floats: equal only when every bit is. */
function digest(vector: number[]): string {
  return createHash('sha256')
    .update(Buffer.from(Float64Array.from(vector).buffer))
    .digest('hex');
}

describe(fakeEmbedding.name, () => {
  // Made before the generator moved to libs/contracts: the fake server answers the same vectors.
  it.each([
    ['alpha', 8, '0166e4b481f6528bac65c893652a0aaa3e89d9bd2c5c86fa6827764e842a721c'],
    ['I like green tea', 1536, '716619a533d552602bbe989aac5a267974616941ea1406189c9ec39125afcc48'],
    ['', 64, '354efab7156930cbca091738f7da68b2cc45b96134e3a534e479ded95e51756c'],
  ])('answers the pinned vector for %j in %d dimensions', (text, dims, sha256) => {
    expect(digest(fakeEmbedding(text, dims))).toBe(sha256);
  });

  it('gives a unit vector, the same for the same text', () => {
    const vector = fakeEmbedding('beta', 32);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 10);
    expect(fakeEmbedding('beta', 32)).toEqual(vector);
  });
});
