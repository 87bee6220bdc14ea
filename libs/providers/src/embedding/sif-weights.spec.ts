import {
  DEFAULT_SIF_A,
  harmonicNumber,
  sifWeight,
  sifWeightsByRow,
  unknownTokenRank,
  zipfProbability,
} from './sif-weights';

describe('harmonicNumber', () => {
  it('sums 1/k up to n', () => {
    expect(harmonicNumber(1)).toBe(1);
    expect(harmonicNumber(4)).toBeCloseTo(1 + 1 / 2 + 1 / 3 + 1 / 4, 12);
  });

  it('follows ln(n) + Euler-Mascheroni for a large n', () => {
    expect(harmonicNumber(341_479)).toBeCloseTo(Math.log(341_479) + 0.5772156649, 5);
  });
});

describe('zipfProbability', () => {
  it('sums to one over the vocabulary', () => {
    let total = 0;
    for (let rank = 1; rank <= 1000; rank += 1) total += zipfProbability(rank, 1000);
    expect(total).toBeCloseTo(1, 12);
  });
});

describe('sifWeight', () => {
  it('is a / (a + p)', () => {
    expect(sifWeight(0.001, 0.001)).toBe(0.5);
    expect(sifWeight(0, DEFAULT_SIF_A)).toBe(1);
  });
});

describe('sifWeightsByRow', () => {
  const weights = sifWeightsByRow(341_479);

  it('gives frequent words less weight than rare ones, strictly by rank', () => {
    let inversions = 0;
    for (let row = 1; row < weights.length; row += 1) {
      if (weights[row] <= weights[row - 1]) inversions += 1;
    }
    expect(inversions).toBe(0);
  });

  it('nearly silences "the" and keeps rare words near one', () => {
    expect(weights[0]).toBeCloseTo(0.013141, 5);
    expect(weights[341_478]).toBeCloseTo(0.99978, 5);
  });

  it('weighs more with a larger a', () => {
    expect(sifWeightsByRow(1000, 0.01)[0] > sifWeightsByRow(1000, 0.001)[0]).toBe(true);
  });
});

describe('unknownTokenRank', () => {
  it('ranks unknown words last', () => {
    expect(unknownTokenRank('sichaun', 341_479)).toBe(341_479);
  });

  it('ranks a k-digit number at 10^k, capped by the vocabulary', () => {
    expect(unknownTokenRank('7', 341_479)).toBe(10);
    expect(unknownTokenRank('2024', 341_479)).toBe(10_000);
    expect(unknownTokenRank('84721930', 341_479)).toBe(341_479);
  });
});
