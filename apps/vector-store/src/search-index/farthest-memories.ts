/** Memories kept as known far points of a scope at most (the oldest found leaves first). */
const capacity = 64;
/** While the kept memories are trusted, one query in this many also searches the graph. */
const refreshEvery = 8;
/** Graph searches whose outcome decides the trust: the last this many. */
const trustWindow = 16;
/** More graph searches than this among the last `trustWindow` finding a farther memory: no trust. */
const trustedMisses = 1;

/**
 * The scope's memory farthest from a query (its least semantic score), the low end of the
 * min-max normalisation, from the memories that were farthest from earlier queries.
 *
 * A graph search for the farthest memory (the nearest to the negated query) costs as much as
 * the search for the nearest, and it is approximate too. But a scope's far points are few: its
 * outliers are far from most queries (at 100,000 memories, 14 memories were the graph's
 * farthest for 3,000 queries). So the memories the graph found before are scored first, and the
 * lowest of them stands for the scope's low end, with the graph asked again now and then for
 * new ones. Each of those searches checks the kept memories: when the graph finds a farther one
 * than all of them more than once in a while, the kept ones are not trusted and every query
 * searches the graph (and still takes the lower of the two), until they are again.
 */
export class FarthestMemories {
  private readonly slots: number[] = [];
  private queries = 0;
  /** the outcome of the last graph searches, true where the graph found a farther memory */
  private readonly outcomes: boolean[] = [];

  /**
   * The slot of the lowest `semantic` among the kept memories still `held` and the graph's
   * answer when it is asked (`search`), or undefined when neither has one.
   */
  farthest(
    semantic: (slot: number) => number,
    held: (slot: number) => boolean,
    search: () => number | undefined,
  ): number | undefined {
    this.dropUnheld(held);
    let kept: number | undefined;
    let keptScore = Infinity;
    for (const slot of this.slots) {
      const score = semantic(slot);
      if (score < keptScore) {
        kept = slot;
        keptScore = score;
      }
    }
    const asks = kept === undefined || !this.trusted || this.queries++ % refreshEvery === 0;
    if (!asks) return kept;
    const found = search();
    if (found === undefined) return kept;
    const foundScore = semantic(found);
    if (kept !== undefined) this.record(foundScore < keptScore);
    this.keep(found);
    return foundScore < keptScore ? found : kept;
  }

  /**
   * Whether the kept memories stand for the scope's far end without asking the graph: a whole
   * window of graph searches compared, and few of them found a farther one.
   */
  get trusted(): boolean {
    return (
      this.outcomes.length === trustWindow && this.outcomes.filter(Boolean).length <= trustedMisses
    );
  }

  private keep(slot: number): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    this.slots.push(slot);
    if (this.slots.length > capacity) this.slots.shift();
  }

  private record(missed: boolean): void {
    this.outcomes.push(missed);
    if (this.outcomes.length > trustWindow) this.outcomes.shift();
  }

  private dropUnheld(held: (slot: number) => boolean): void {
    for (let at = this.slots.length - 1; at >= 0; at--) {
      if (!held(this.slots[at])) this.slots.splice(at, 1);
    }
  }
}
