import { createHash } from 'node:crypto';
import { mulberry32 } from './seeded-random';

// Drawn from the three copies this one replaced (the local embedder's, the fake OpenAI server's and
// the load runner's): the sequence must stay bit for bit what stored vectors were made from.
const firstDraws: [number, number[]][] = [
  [0, [0.26642920868471265, 0.0003297457005828619, 0.2232720274478197, 0.1462021479383111]],
  [42, [0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693]],
  [0xdeadbeef, [0.9413696140982211, 0.26719574979506433, 0.772033357527107, 0.35816076025366783]],
  [-1, [0.8964226141106337, 0.189478256739676, 0.7156526781618595, 0.9440599093213677]],
];

describe(mulberry32.name, () => {
  it.each(firstDraws)('draws the pinned sequence from seed %d', (seed, expected) => {
    const next = mulberry32(seed);
    expect(expected.map(() => next())).toEqual(expected);
  });

  it('draws the pinned 10,000 numbers from seed 42', () => {
    const next = mulberry32(42);
    const digest = createHash('sha256');
    for (let i = 0; i < 10_000; i += 1) digest.update(`${next()},`);
    expect(digest.digest('hex')).toBe(
      'fc1d1840151a3ca30b006368f5f381b32ef61aa37bd0ec6851117fba73ae141b',
    );
  });

  it('stays in [0, 1) and takes the seed as an unsigned 32-bit number', () => {
    const next = mulberry32(7);
    for (let i = 0; i < 1000; i += 1) {
      const value = next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
    expect(mulberry32(-1)()).toBe(mulberry32(0xffffffff)());
  });
});
