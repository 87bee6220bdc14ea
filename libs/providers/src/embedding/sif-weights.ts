/** The SIF smoothing constant of Arora et al. (2017); 1e-3 was best on our recall benchmark. */
export const DEFAULT_SIF_A = 1e-3;

/** H_n = 1 + 1/2 + ... + 1/n, summed from the small end to keep float error low. */
export function harmonicNumber(n: number): number {
  let sum = 0;
  for (let k = n; k >= 1; k -= 1) sum += 1 / k;
  return sum;
}

/** Zipf's law over a vocabulary of `vocabSize` words: p(r) = 1 / (r * H_N). */
export function zipfProbability(
  rank: number,
  vocabSize: number,
  harmonic = harmonicNumber(vocabSize),
): number {
  return 1 / (rank * harmonic);
}

/** SIF weight a / (a + p(w)): close to 0 for "the", close to 1 for rare words. */
export function sifWeight(probability: number, a: number = DEFAULT_SIF_A): number {
  return a / (a + probability);
}

/** Weight of every row of a frequency-ordered vocabulary (row r has rank r + 1). */
export function sifWeightsByRow(vocabSize: number, a: number = DEFAULT_SIF_A): Float64Array {
  const harmonic = harmonicNumber(vocabSize);
  const weights = new Float64Array(vocabSize);
  for (let row = 0; row < vocabSize; row += 1) {
    weights[row] = sifWeight(zipfProbability(row + 1, vocabSize, harmonic), a);
  }
  return weights;
}

/**
 * Assumed frequency rank of a token the vocabulary lacks: a rare word (the last rank), except
 * numbers, which the vocabulary omits entirely: a k-digit number ranks like the 10^k-th word,
 * so "2" weighs little while "84721" counts like an id.
 */
export function unknownTokenRank(token: string, vocabSize: number): number {
  if (!/^\d+$/.test(token)) return vocabSize;
  return Math.min(10 ** token.length, vocabSize);
}
