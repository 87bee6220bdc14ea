import { monitorEventLoopDelay } from 'node:perf_hooks';
import { inputLimits } from '@mnemo/contracts';
import { extractLocalFacts, LocalFactExtractor } from './local-fact.extractor';
import { LocalUpdateDecider } from './local-update.decider';
import { warmUpLocalExtraction } from './local-extraction.warm-up';

const foods = ['sushi', 'ramen', 'pizza', 'tacos', 'curry', 'pasta', 'dumplings', 'paella'];
const cities = ['Paris', 'Hangzhou', 'Lisbon', 'Denver', 'Osaka', 'Nairobi', 'Quito', 'Oslo'];

/** Mostly small talk with a first-person fact now and then, so the whole add has to be read. */
function sentence(i: number): string {
  const food = foods[i % foods.length];
  const city = cities[Math.floor(i / foods.length) % cities.length];
  if (i % 25 === 0) return `I love ${food} from ${city} ${i}.`;
  return `The weather was grey on day ${i} and nothing else happened there.`;
}

function textOf(chars: number, seed: number): string {
  let text = '';
  for (let i = seed; text.length < chars; i++) text += `${sentence(i)} `;
  return text.slice(0, chars);
}

/** The largest add the gateway lets through: the message count or the character budget at its limit. */
const manyShortMessages = Array.from({ length: inputLimits.messagesPerAdd }, (_, i) => ({
  role: 'user',
  content: textOf(inputLimits.addChars / inputLimits.messagesPerAdd, i * 7),
}));
const fewLongMessages = Array.from(
  { length: inputLimits.addChars / inputLimits.textChars },
  (_, i) => ({ role: 'user', content: textOf(inputLimits.textChars, i * 1000) }),
);

interface LoopReport {
  /** the longest the event loop was held, in ms */
  stallMs: number;
  /** event-loop turns other work got while the extraction ran */
  turns: number;
}

async function watchLoop(work: () => Promise<unknown>): Promise<LoopReport> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let turns = 0;
  let running = true;
  const spin = () => {
    turns++;
    if (running) setImmediate(spin);
  };
  histogram.enable();
  setImmediate(spin);
  await work();
  running = false;
  histogram.disable();
  return { stallMs: histogram.max / 1e6, turns };
}

describe(LocalFactExtractor.name, () => {
  beforeAll(() => warmUpLocalExtraction());

  // Generous bound: slices last ~4 ms; unsliced, the extraction held the loop from start to end.
  const stallBoundMs = 250;

  it.each([
    ['1000 short messages', manyShortMessages],
    ['5 messages of 20,000 characters', fewLongMessages],
  ])('keeps the event loop responsive while reading %s', async (_, messages) => {
    const extractor = new LocalFactExtractor();
    const input = { messages, agentMemory: false, today: '2026-01-01' };
    let facts: string[] = [];
    const loop = await watchLoop(async () => {
      facts = await extractor.extractFacts(input);
    });
    expect(facts.length).toBeGreaterThan(10);
    expect(facts).toEqual(extractLocalFacts(input));
    expect(loop.turns).toBeGreaterThan(5);
    expect(loop.stallMs).toBeLessThan(stallBoundMs);
  });

  it('decides 200 facts against 2,000 related memories without stalling the loop', async () => {
    const facts = Array.from({ length: 200 }, (_, i) => `Loves ${foods[i % 8]} ${i}`);
    const existing = Array.from({ length: 2000 }, (_, i) => ({
      id: `m${i}`,
      text: `Lives in ${cities[i % 8]} ${i}`,
    }));
    let decided = 0;
    const loop = await watchLoop(async () => {
      decided = (await new LocalUpdateDecider().decide({ facts, existing })).length;
    });
    expect(decided).toBe(200);
    expect(loop.turns).toBeGreaterThan(5);
    expect(loop.stallMs).toBeLessThan(stallBoundMs);
  });
});
