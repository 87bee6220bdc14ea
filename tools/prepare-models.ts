// Converts the offline embedding model once: `npx tsx tools/prepare-models.ts [cacheDir] [--check]`.
// --check also loads the model and prints load time, embedding speed and a few similarity numbers.
import { resolve } from 'node:path';
import {
  createLocalEmbeddingProvider,
  prepareGloveModel,
  type LocalEmbeddingProvider,
} from '@mnemo/providers';

const QUALITY_PAIRS: readonly (readonly [string, string])[] = [
  ['I love spicy Sichuan food', 'Sichuan cuisine is my favourite'],
  ['I love spicy Sichuan food', 'my car needs new tyres'],
  ['My daughter starts school in September', 'her first day at the new school'],
  ['My daughter starts school in September', 'the stock market fell sharply'],
  ["I'm allergic to peanuts", 'peanut allergy'],
  ["I'm allergic to peanuts", 'I play tennis on weekends'],
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const cacheDir = resolve(args.find((arg) => !arg.startsWith('--')) ?? defaultCacheDir());
  const started = performance.now();
  const paths = await prepareGloveModel({ cacheDir, log: (msg) => console.log(msg) });
  console.log(`model ready in ${seconds(started)} s:`);
  for (const path of [paths.headerPath, paths.vectorsPath, paths.wordsPath])
    console.log(`  ${path}`);
  if (check) await runCheck(cacheDir);
}

function defaultCacheDir(): string {
  return resolve(__dirname, '..', '.cache', 'models');
}

async function runCheck(cacheDir: string): Promise<void> {
  const loadStarted = performance.now();
  const provider = await createLocalEmbeddingProvider({ cacheDir });
  const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  console.log(`loaded ${provider.model} in ${seconds(loadStarted)} s, rss ${rssMb} MiB`);
  console.log(`embedding one short text: ${microsPerText(provider).toFixed(1)} us`);
  for (const [a, b] of QUALITY_PAIRS) {
    const [va, vb] = await provider.embed([a, b], 'document');
    console.log(`  ${cosine(va, vb).toFixed(3)}  "${a}" ~ "${b}"`);
  }
}

function microsPerText(provider: LocalEmbeddingProvider): number {
  const texts = QUALITY_PAIRS.flat();
  const rounds = 20_000;
  const started = performance.now();
  for (let i = 0; i < rounds; i += 1) provider.embedText(texts[i % texts.length]);
  return ((performance.now() - started) * 1000) / rounds;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += a[i] * b[i];
  return dot;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
