import { mulberry32 } from '@mnemo/contracts';
import { fnv1a32 } from './fnv-hash';

/**
 * A unit vector in a direction drawn from the token's hash: the same token always gets the same
 * vector, different tokens get nearly orthogonal ones. Gaussian coordinates (Box-Muller) make
 * every direction equally likely.
 */
export function hashedUnitVector(token: string, dims: number): Float32Array {
  const random = mulberry32(fnv1a32(token));
  const vector = new Float32Array(dims);
  let sum = 0;
  for (let i = 0; i < dims; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    const x = radius * Math.cos(angle);
    vector[i] = x;
    sum += x * x;
    if (i + 1 < dims) {
      const y = radius * Math.sin(angle);
      vector[i + 1] = y;
      sum += y * y;
    }
  }
  const norm = Math.sqrt(sum);
  for (let i = 0; i < dims; i += 1) vector[i] /= norm;
  return vector;
}
