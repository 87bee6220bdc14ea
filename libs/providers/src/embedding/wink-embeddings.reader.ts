import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { WinkJsonScanner, type WinkJsonHandlers } from './wink-json.scanner';

/** The vectors of a wink embeddings file, rows in the order of its `words` (most frequent first). */
export interface WinkEmbeddings {
  dims: number;
  words: string[];
  vectors: Float32Array;
}

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();
const wordList = z.array(
  z
    .string()
    .min(1)
    .regex(/^[^\r\n]*$/, 'a word holds a line break'),
);

/** Streams the file, so peak memory is the float32 matrix plus one read chunk. */
export async function readWinkEmbeddings(jsonPath: string): Promise<WinkEmbeddings> {
  const collector = new WinkEmbeddingsCollector();
  const scanner = new WinkJsonScanner(collector);
  for await (const chunk of createReadStream(jsonPath, { highWaterMark: 1 << 20 })) {
    scanner.push(chunk as Buffer);
  }
  scanner.end();
  return collector.result();
}

class WinkEmbeddingsCollector implements WinkJsonHandlers {
  private dims = 0;
  private size = 0;
  private wordIndexAt = -1;
  private words: string[] | null = null;
  private vectors: Float32Array | null = null;
  private rowWords: (string | undefined)[] = [];
  private filled = 0;

  member(key: string, value: unknown): void {
    if (key === 'dimensions') this.dims = positiveInt.parse(value);
    else if (key === 'size') this.size = positiveInt.parse(value);
    else if (key === 'wordIndex') this.wordIndexAt = nonNegativeInt.parse(value);
    else if (key === 'words') this.words = wordList.parse(value);
  }

  vector(word: string, values: unknown): void {
    const matrix = this.matrix();
    const row: unknown = Array.isArray(values) ? values[this.wordIndexAt] : undefined;
    if (!this.isFreeRow(row) || !Array.isArray(values)) throw badEntry(word);
    const offset = row * this.dims;
    for (let d = 0; d < this.dims; d += 1) {
      const value: unknown = values[d];
      if (typeof value !== 'number') throw badEntry(word);
      matrix[offset + d] = value;
    }
    this.rowWords[row] = word;
    this.filled += 1;
  }

  result(): WinkEmbeddings {
    const { words, vectors } = this;
    if (!words || !vectors) throw new Error('wink embeddings JSON holds no words or no vectors');
    if (words.length !== this.size || this.filled !== this.size) {
      throw new Error(
        `wink embeddings JSON declares ${this.size} words, holds ${words.length} words and ${this.filled} vectors`,
      );
    }
    words.forEach((word, row) => {
      if (this.rowWords[row] !== word)
        throw new Error(`wink embeddings row ${row} is not "${word}"`);
    });
    return { dims: this.dims, words, vectors };
  }

  private isFreeRow(row: unknown): row is number {
    return (
      Number.isInteger(row) &&
      (row as number) >= 0 &&
      (row as number) < this.size &&
      this.rowWords[row as number] === undefined
    );
  }

  private matrix(): Float32Array {
    if (this.vectors) return this.vectors;
    if (this.dims === 0 || this.size === 0 || this.wordIndexAt < this.dims) {
      throw new Error('wink embeddings JSON lists vectors before dimensions, size and wordIndex');
    }
    this.vectors = new Float32Array(this.size * this.dims);
    this.rowWords = new Array<string | undefined>(this.size);
    return this.vectors;
  }
}

function badEntry(word: string): Error {
  return new Error(`wink embeddings entry "${word}" is malformed or repeated`);
}
