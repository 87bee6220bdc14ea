import { createHash } from 'node:crypto';
import { fnv1a32 } from './fnv-hash';
import { hashedUnitVector } from './hashed-vector';

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i] * b[i];
  return sum;
}

describe('fnv1a32', () => {
  it('matches the published FNV-1a test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes a range of a longer string like the substring', () => {
    expect(fnv1a32('xxfoobarxx', 2, 8)).toBe(fnv1a32('foobar'));
  });
});

describe('hashedUnitVector', () => {
  it('is unit length', () => {
    for (const dims of [1, 7, 100])
      expect(
        dot(hashedUnitVector('ord-8841', dims), hashedUnitVector('ord-8841', dims)),
      ).toBeCloseTo(1, 6);
  });

  it('gives the same token the same vector', () => {
    expect(hashedUnitVector('四川', 100)).toEqual(hashedUnitVector('四川', 100));
  });

  it('gives different tokens nearly orthogonal vectors', () => {
    const a = hashedUnitVector('sichaun', 100);
    for (const other of ['sichuan', 'sichaun2', 'x9q']) {
      expect(Math.abs(dot(a, hashedUnitVector(other, 100)))).toBeLessThan(0.4);
    }
  });

  it('pins the first coordinates so the vectors never change across releases', () => {
    expect(Array.from(hashedUnitVector('mnemo', 4)).map((v) => v.toFixed(6))).toEqual(PINNED);
  });

  // The bytes of vectors made before the generator moved to libs/contracts: stored vectors of the
  // local embedder must keep matching the ones it makes now, bit for bit.
  it.each([
    ['mnemo', 300, '787d4645f07f6fb5c7abeefa02b1c1f391d2b4b853692f4db313ae995a533544'],
    ['四川', 100, '8789a9922d9e1d436817595876ede8ba033c4fdce598cb2662ff4e3139e8ecbb'],
    ['ord-8841', 7, '3f1f0cfe90b3e7421d95fb4ce65852bc0e91f501cbd366d8f112bdebb88f2970'],
  ])('makes the pinned bytes for %s in %d dimensions', (token, dims, sha256) => {
    const vector = hashedUnitVector(token, dims);
    const bytes = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
  });
});

const PINNED = ['0.014325', '-0.645996', '-0.286375', '-0.707441'];
