import { topByScore, topIndices } from './top-indices';

describe(topIndices.name, () => {
  it('gives what sorting every kept index and slicing gives, for small and large counts', () => {
    const values = Array.from({ length: 500 }, (_, n) => (n * 37) % 101);
    const better = (a: number, b: number) => values[b] - values[a] || a - b;
    const keep = (index: number) => index % 3 !== 0;
    const sorted = values
      .map((_, n) => n)
      .filter(keep)
      .sort(better);
    for (const count of [0, 1, 10, 62, 63, 200, 600]) {
      expect(topIndices(values.length, count, better, keep)).toEqual(sorted.slice(0, count));
      // With the scores `better` orders by first: the same, fewer calls to `better`.
      const primary = Float64Array.from(values);
      expect(topIndices(values.length, count, better, keep, primary)).toEqual(
        sorted.slice(0, count),
      );
    }
  });
});

describe(topByScore.name, () => {
  it('gives what topIndices gives, ties, -0 and NaN included', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 400);
      // Few distinct scores, so many ties fall at the bar; some -0, and a NaN in every tenth round.
      const scores = Float64Array.from({ length: n }, () =>
        random() < 0.05 ? -0 : Math.floor(random() * 12) / 11,
      );
      if (round % 10 === 0) scores[Math.floor(random() * n)] = NaN;
      const ids = Array.from({ length: n }, () => Math.floor(random() * 1000));
      const better = (a: number, b: number) => scores[b] - scores[a] || ids[a] - ids[b] || a - b;
      const count = Math.floor(random() * (n + 5));
      expect(topByScore(scores, count, better)).toEqual(topIndices(n, count, better));
    }
  });
});
