import { mulberry32 } from '@mnemo/contracts';
import { bm25Scores } from '../search/keyword-scoring';
import { KeywordPostings } from './keyword-postings';

const vocabulary = ['tea', 'green', 'hangzhou', 'budget', 'rmb', 'sichuan', 'spicy', 'window'];

// Skewed: "tea" is in most memories, "window" in few, as common and rare words are.
function randomTerms(random: () => number): string[] {
  const length = 1 + Math.floor(random() * 7);
  return Array.from({ length }, () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)]);
}

describe(KeywordPostings.name, () => {
  it('scores every holder as BM25 over all documents does, across removals and reused slots', () => {
    const random = mulberry32(11);
    const postings = new KeywordPostings<string>();
    const documents = new Map<string, string[]>();
    for (let step = 0; step < 400; step++) {
      const id = `m${Math.floor(random() * 60)}`;
      if (documents.has(id) && random() < 0.4) {
        postings.remove(id, documents.get(id)!);
        documents.delete(id);
        continue;
      }
      const terms = randomTerms(random);
      if (documents.has(id)) postings.remove(id, documents.get(id)!);
      postings.add(id, terms, id);
      documents.set(id, terms);
      if (step % 40 !== 0) continue;
      const query = randomTerms(random).slice(0, 3);
      const ids = [...documents.keys()];
      const expected = bm25Scores(
        query,
        ids.map((doc) => documents.get(doc)!),
      );
      const scores = postings.search(query, postings.corpus());
      ids.forEach((doc, index) =>
        expect(scores.of(postings.slotOf(doc)!)).toBeCloseTo(expected[index], 12),
      );
      const holders = scores.above(0).map((holder) => postings.item(holder.slot));
      expect(holders.sort()).toEqual(ids.filter((_, i) => expected[i] > 0).sort());
    }
  });

  it('finds the best holder and every holder above a bar, asked in either order', () => {
    const random = mulberry32(5);
    const postings = new KeywordPostings<string>();
    const documents = new Map<string, string[]>();
    for (let n = 0; n < 300; n++) {
      const terms = randomTerms(random);
      documents.set(`m${n}`, terms);
      postings.add(`m${n}`, terms, `m${n}`);
    }
    const ids = [...documents.keys()];
    for (let round = 0; round < 60; round++) {
      const query = randomTerms(random).slice(0, 4);
      const expected = bm25Scores(
        query,
        ids.map((doc) => documents.get(doc)!),
      );
      const top = Math.max(...expected);
      // Asked in either order: the best first (as the ANN path does), or a bar first.
      const bars = [0.3, 0.6, 0.9, 0.99].map((share) => share * top);
      for (const bar of bars) {
        const want = ids.filter((_, i) => expected[i] > bar).sort();
        const idsOf = (holders: { slot: number }[]) =>
          holders.map((holder) => postings.item(holder.slot)).sort();
        const first = postings.search(query, postings.corpus());
        const best = first.best()!;
        expect(best.score).toBeCloseTo(top, 12);
        expect(expected[ids.indexOf(postings.item(best.slot))]).toBeCloseTo(top, 12);
        expect(idsOf(first.above(bar))).toEqual(want);
        const second = postings.search(query, postings.corpus());
        expect(idsOf(second.above(bar))).toEqual(want);
        expect(second.best()!.score).toBeCloseTo(top, 12);
        ids.forEach((doc, index) =>
          expect(second.of(postings.slotOf(doc)!)).toBeCloseTo(expected[index], 12),
        );
      }
    }
  });

  it('refuses to read a search after the next one began (they share the score arrays)', () => {
    const postings = new KeywordPostings<string>();
    postings.add('a', ['tea'], 'a');
    const first = postings.search(['tea'], postings.corpus());
    postings.search(['tea'], postings.corpus()).best();
    expect(() => first.above(0)).toThrow('read after the next began');
  });

  it('restricts scores and statistics to the allowed memories', () => {
    const postings = new KeywordPostings<string>();
    postings.add('a', ['tea', 'green'], 'a');
    postings.add('b', ['tea'], 'b');
    postings.add('c', ['spicy'], 'c');
    const allowed = new Set(['a', 'c']);
    const corpus = postings.corpus({ ids: allowed, totalTerms: 3 });
    expect(corpus.containing('tea')).toBe(1);
    const scores = postings.search(['tea'], corpus, allowed);
    const expected = bm25Scores(['tea'], [['tea', 'green'], ['spicy']]);
    expect(scores.of(postings.slotOf('a')!)).toBeCloseTo(expected[0], 12);
    expect(scores.of(postings.slotOf('b')!)).toBe(0);
    expect(scores.above(0).map((holder) => postings.item(holder.slot))).toEqual(['a']);
    expect(scores.best()?.slot).toBe(postings.slotOf('a'));
    // Only a left-out memory holds the term: no best, nothing above any bar.
    const none = postings.search(['tea'], corpus, new Set(['c']));
    expect(none.best()).toBeUndefined();
    expect(none.above(-Infinity)).toEqual([]);
  });

  it('restricts a query of several held terms to the allowed memories too', () => {
    const postings = new KeywordPostings<string>();
    const documents: Record<string, string[]> = {
      a: ['tea', 'green', 'tea'],
      b: ['green', 'tea', 'window'],
      c: ['spicy', 'green'],
      d: ['tea'],
    };
    for (const [id, terms] of Object.entries(documents)) postings.add(id, terms, id);
    const allowed = new Set(['b', 'c', 'd']);
    const kept = [...allowed].map((id) => documents[id]);
    const corpus = postings.corpus({ ids: allowed, totalTerms: 6 });
    const query = ['tea', 'green', 'hangzhou'];
    const expected = bm25Scores(query, kept, undefined, corpus);
    const scores = postings.search(query, corpus, allowed);
    [...allowed].forEach((id, i) =>
      expect(scores.of(postings.slotOf(id)!)).toBeCloseTo(expected[i], 12),
    );
    expect(scores.of(postings.slotOf('a')!)).toBe(0);
    expect(postings.item(scores.best()!.slot)).toBe('b');
    expect(
      scores
        .above(0)
        .map((holder) => postings.item(holder.slot))
        .sort(),
    ).toEqual(['b', 'c', 'd']);
  });

  it('gives back the bytes it counted when every memory is removed, but for the two slots', () => {
    const postings = new KeywordPostings<string>();
    const empty = postings.bytes;
    postings.add('a', ['tea', 'tea', 'green'], 'a');
    const one = postings.bytes;
    postings.add('b', ['rmb'], 'b');
    postings.remove('a', ['tea', 'tea', 'green']);
    postings.remove('b', ['rmb']);
    expect(postings.bytes - empty).toBeGreaterThan(0);
    expect(postings.bytes - empty).toBeLessThan((one - empty) / 4);
    expect(postings.corpus().documents).toBe(0);
    // Slots are not reused: a memory added again gets a new one.
    expect(postings.add('a', ['tea'], 'a')).toBe(2);
  });
});
