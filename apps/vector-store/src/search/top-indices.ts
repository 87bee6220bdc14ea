/**
 * The first `count` of the indices below `n` that pass `keep`, in the order `better` gives (a
 * total order): what sorting them all and slicing would give, in O(n log count) for a small count.
 * `primary`: scores `better` orders by first, highest first; an index scoring below the current
 * count-th is then passed over without calling `better` (the hot loop of a large set's ranking).
 */
export function topIndices(
  n: number,
  count: number,
  better: (a: number, b: number) => number,
  keep: (index: number) => boolean = () => true,
  primary?: Float64Array,
): number[] {
  if (count <= 0) return [];
  if (count * 8 >= n) {
    const all: number[] = [];
    for (let index = 0; index < n; index++) if (keep(index)) all.push(index);
    return all.sort(better).slice(0, count);
  }
  const best: number[] = [];
  for (let index = 0; index < n; index++) {
    if (best.length === count) {
      if (primary && primary[index] < primary[best[count - 1]]) continue;
      if (better(index, best[count - 1]) >= 0) continue;
    }
    if (!keep(index)) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (better(best[mid], index) < 0) low = mid + 1;
      else high = mid;
    }
    best.splice(low, 0, index);
    if (best.length > count) best.pop();
  }
  return best;
}

/**
 * `topIndices(scores.length, count, better)` for a `better` that orders by `scores`, highest
 * first, and breaks ties by other keys: only the indices scoring at least the count-th best score
 * are sorted with `better` (a native sort of the numbers finds that score), where a large count
 * would sort them all.
 */
export function topByScore(
  scores: Float64Array,
  count: number,
  better: (a: number, b: number) => number,
): number[] {
  const n = scores.length;
  if (count <= 0) return [];
  // Few to rank, or NaN (which `better` orders its own way): the general selection.
  if (count * 8 < n || count >= n || scores.some(Number.isNaN)) {
    return topIndices(n, count, better, undefined, scores);
  }
  const bar = scores.slice().sort()[n - count];
  const reaching: number[] = [];
  for (let index = 0; index < n; index++) if (scores[index] >= bar) reaching.push(index);
  return reaching.sort(better).slice(0, count);
}
