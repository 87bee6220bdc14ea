import { bm25Scores } from '../search/keyword-scoring';
import { KeywordPostings } from './keyword-postings';

const vocabulary = ['tea', 'green', 'hangzhou', 'budget', 'rmb', 'sichuan', 'spicy', 'window'];

function randomTerms(random: () => number): string[] {
  const length = 1 + Math.floor(random() * 7);
  return Array.from({ length }, () => vocabulary[Math.floor(random() * vocabulary.length)]);
}

describe(KeywordPostings.name, () => {
  it('scores every holder as BM25 over all documents does, across removals and reused slots', () => {
    let state = 11;
    const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
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
      const scores = postings.scores(query, postings.corpus());
      ids.forEach((doc, index) => expect(scores.of(doc)).toBeCloseTo(expected[index], 12));
      const holders = scores.holders();
      expect(holders.map((h) => h.id).sort()).toEqual(ids.filter((_, i) => expected[i] > 0).sort());
      for (const holder of holders) expect(holder.item).toBe(holder.id);
    }
  });

  it('restricts scores and statistics to the allowed memories', () => {
    const postings = new KeywordPostings<string>();
    postings.add('a', ['tea', 'green'], 'a');
    postings.add('b', ['tea'], 'b');
    postings.add('c', ['spicy'], 'c');
    const allowed = new Set(['a', 'c']);
    const corpus = postings.corpus({ ids: allowed, totalTerms: 3 });
    expect(corpus.containing('tea')).toBe(1);
    const scores = postings.scores(['tea'], corpus, allowed);
    const expected = bm25Scores(['tea'], [['tea', 'green'], ['spicy']]);
    expect(scores.of('a')).toBeCloseTo(expected[0], 12);
    expect(scores.of('b')).toBe(0);
    expect(scores.holders().map((holder) => holder.id)).toEqual(['a']);
  });

  it('gives back the bytes it counted when every memory is removed', () => {
    const postings = new KeywordPostings<string>();
    postings.add('a', ['tea', 'tea', 'green'], 'a');
    postings.add('b', ['rmb'], 'b');
    postings.remove('a', ['tea', 'tea', 'green']);
    postings.remove('b', ['rmb']);
    expect(postings.bytes).toBe(0);
    expect(postings.corpus().documents).toBe(0);
  });
});
