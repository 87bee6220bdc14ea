import { mulberry32 } from '@mnemo/contracts';
import { cosine } from '../search/hybrid-ranking';
import { SlotVectors } from './slot-vectors';

describe(SlotVectors.name, () => {
  const dims = 12;
  const random = mulberry32(3);
  const vector = () => Float32Array.from({ length: dims }, () => random() - 0.5);

  it('holds each slot in its row, across chunks, and scores it as cosine does, to the bit', () => {
    const vectors = new SlotVectors(dims);
    const slots = [0, 1, 1023, 1024, 2500];
    const originals = slots.map(() => vector());
    const rows = slots.map((slot, i) => vectors.put(slot, originals[i]));
    const query = vector();
    slots.forEach((slot, i) => {
      expect(rows[i]).toEqual(originals[i]);
      expect(rows[i]).not.toBe(originals[i]);
      expect(vectors.cosine(slot, query)).toBe(cosine(originals[i], query));
    });
    // Three chunks of 1,024 rows, five live: the rest is spare.
    expect(vectors.spareBytes(slots.length)).toBe((3 * 1024 - 5) * dims * 4);
  });

  it('writes a row in place: a memory pointed at it sees the value put last', () => {
    const vectors = new SlotVectors(dims);
    const row = vectors.put(7, vector());
    const next = vector();
    expect(vectors.put(7, next)).toEqual(row);
    expect(row).toEqual(next);
  });
});
