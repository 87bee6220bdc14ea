import type { StoredMemory } from '../memories/memory.row';

export interface ContextOptions {
  /** Share of a written-next-to neighbour's score passed on, then of the one after it. */
  weights: readonly [number, number];
  /** Memories further apart in time than this were not written in one sitting. */
  windowMs: number;
  /** How many of the best-scored memories pass context on. */
  seeds: number;
}

// Halving per step; a half-hour covers a chat added turn by turn.
export const defaultContextOptions: ContextOptions = {
  weights: [0.5, 0.25],
  windowMs: 30 * 60_000,
  seeds: 100,
};

interface Ring {
  before: number[];
  after: number[];
}

/**
 * Context from the memories written just before and after each one: turns of a conversation
 * explain each other ("They were awestruck." answers a question about the turn before it). The
 * best `seeds` memories pass a share of their score to their two neighbours on each side, in the
 * order of writing; memories written at the same instant (one batch, no order) or more than
 * `windowMs` apart are not neighbours. Returns each memory's context in [0, sum of weights].
 * Costs O(n log seeds): only the seeds' neighbours are looked for, once per instant a seed was
 * written at (seeds of one batch share their neighbours). Given the memories' writing order
 * (`written`, kept by a set ranked again and again), they are read off it instead of scanned for.
 */
export function neighbourContext(
  memories: StoredMemory[],
  scores: ArrayLike<number>,
  order: number[],
  options: ContextOptions = defaultContextOptions,
  written?: WritingOrder,
): Float64Array {
  const context = new Float64Array(memories.length);
  const seeds = order.slice(0, options.seeds).filter((index) => scores[index] > 0);
  if (seeds.length === 0 || memories.length < 2) return context;
  const times = written?.times ?? Float64Array.from(memories, writtenAt);
  // The instants seeds were written at, in order: neighbours are never of the same instant, so
  // every seed of one instant has the same two before and two after it.
  const instants = Float64Array.from(new Set(seeds.map((seed) => times[seed]))).sort();
  const rings = written
    ? ringsInOrder(instants, written)
    : ringsByScan(memories, times, instants, options.windowMs);
  // Per step, a memory keeps the best share offered to it; the two steps add up.
  const steps = [new Float64Array(memories.length), new Float64Array(memories.length)];
  for (const seed of seeds) {
    const ring = rings[firstAtOrAfter(instants, times[seed])];
    passOn(steps, times, seed, scores[seed], ring, options);
  }
  for (let index = 0; index < memories.length; index++) {
    context[index] = steps[0][index] + steps[1][index];
  }
  return context;
}

/** Each instant's two nearest memories on each side, from one pass over the memories. */
function ringsByScan(
  memories: StoredMemory[],
  times: Float64Array,
  instants: Float64Array,
  windowMs: number,
): Ring[] {
  const rings = Array.from(instants, (): Ring => ({ before: [], after: [] }));
  const compare = (a: number, b: number) => compareKeys(memories, times, a, b);
  for (let index = 0; index < memories.length; index++) {
    const time = times[index];
    const after = firstAfter(instants, time);
    const before = firstAtOrAfter(instants, time, after) - 1;
    // Most memories of a long-lived scope are nowhere near a seed.
    const nearest = Math.min(
      before >= 0 ? time - instants[before] : Infinity,
      after < instants.length ? instants[after] - time : Infinity,
    );
    if (!(nearest <= windowMs)) continue;
    // The memory can only be among the two nearest of the first two instants on each side: a
    // further instant has the seeds of two nearer instants between it and the memory.
    for (let s = before; s >= 0 && s >= before - 1; s--) {
      keepNearest(rings[s].after, index, compare, 1);
    }
    for (let s = after; s < instants.length && s <= after + 1; s++) {
      keepNearest(rings[s].before, index, compare, -1);
    }
  }
  return rings;
}

/**
 * The same rings read off a kept writing order: the two memories just before an instant's first
 * and just after its last. (The scan leaves out memories further than the window from every seed;
 * such a memory is as far from this instant too, so `passOn` gives it nothing either way.)
 */
function ringsInOrder(instants: Float64Array, written: WritingOrder): Ring[] {
  const { order, orderedTimes } = written;
  return Array.from(instants, (instant): Ring => {
    const first = firstAtOrAfter(orderedTimes, instant);
    const next = firstAfter(orderedTimes, instant);
    const before = [first - 1, first - 2].filter((at) => at >= 0);
    const after = [next, next + 1].filter((at) => at < order.length);
    return { before: before.map((at) => order[at]), after: after.map((at) => order[at]) };
  });
}

function passOn(
  steps: Float64Array[],
  times: Float64Array,
  seed: number,
  score: number,
  ring: Ring,
  options: ContextOptions,
): void {
  for (const side of [ring.before, ring.after]) {
    side.forEach((index, step) => {
      if (!(Math.abs(times[index] - times[seed]) <= options.windowMs)) return;
      steps[step][index] = Math.max(steps[step][index], options.weights[step] * score);
    });
  }
}

/** Keeps the two memories nearest the seed on one side (`direction` 1: after, -1: before). */
function keepNearest(
  side: number[],
  index: number,
  compare: (a: number, b: number) => number,
  direction: 1 | -1,
): void {
  if (side.length === 2 && direction * compare(index, side[1]) >= 0) return;
  if (side.length > 0 && direction * compare(side[0], index) < 0) {
    side.splice(1, 0, index);
  } else {
    side.unshift(index);
  }
  if (side.length > 2) side.length = 2;
}

/** The memories' write times and writing order, for sets ranked again and again. */
export interface WritingOrder {
  times: Float64Array;
  /** the memories' indices in writing order (`compareKeys`), and their times in that order */
  order: Int32Array;
  orderedTimes: Float64Array;
}

/** Undefined when a write time does not parse: such a set is scanned as it comes. */
export function writingOrder(memories: StoredMemory[]): WritingOrder | undefined {
  const times = Float64Array.from(memories, writtenAt);
  if (times.some(Number.isNaN)) return undefined;
  const order = Int32Array.from(memories, (_, index) => index).sort((a, b) =>
    compareKeys(memories, times, a, b),
  );
  return { times, order, orderedTimes: Float64Array.from(order, (index) => times[index]) };
}

/** Writing order: the instant, then the id, so the order never depends on arrival. */
function compareKeys(memories: StoredMemory[], times: Float64Array, a: number, b: number): number {
  if (times[a] !== times[b]) return times[a] - times[b];
  const [x, y] = [memories[a].record.id, memories[b].record.id];
  return x < y ? -1 : x > y ? 1 : 0;
}

// Parsed once per indexed record: the index keeps its records across searches.
const parsedTimes = new WeakMap<object, number>();

function writtenAt(memory: StoredMemory): number {
  let time = parsedTimes.get(memory.record);
  if (time === undefined) {
    time = Date.parse(memory.record.createdAt);
    parsedTimes.set(memory.record, time);
  }
  return time;
}

/** Index of the first sorted time not before `time`, searched below `high`. */
function firstAtOrAfter(times: Float64Array, time: number, high = times.length): number {
  let low = 0;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (times[mid] < time) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first sorted time after `time`. */
function firstAfter(times: Float64Array, time: number): number {
  let [low, high] = [0, times.length];
  while (low < high) {
    const mid = (low + high) >> 1;
    if (times[mid] <= time) low = mid + 1;
    else high = mid;
  }
  return low;
}
