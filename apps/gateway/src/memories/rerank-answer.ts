import type { ChatMessage } from '@mnemo/providers';
import type { ScoredMemory } from '@mnemo/contracts';

/** The scale the LLM is asked to judge on; its scores are divided by it into [0,1]. */
const scale = 10;
// A memory is cut in the prompt past this: its start says what it is about.
const memoryChars = 600;

const system = `You rank stored memories by how relevant each one is to a search query.
Score every memory from 0 (unrelated) to ${scale} (answers or matches the query directly); judge by meaning, not by shared words.
Answer with a JSON object only: {"scores": [<score of memory 0>, <score of memory 1>, ...]}, one integer per memory, in the order given.`;

/** The one chat request that judges `memories` for `query`. */
export function rerankPrompt(query: string, memories: ScoredMemory[]): ChatMessage[] {
  const lines = memories.map((memory, index) => `${index}. ${oneLine(memory.memory)}`);
  return [
    { role: 'system', content: system },
    { role: 'user', content: `Query: ${oneLine(query)}\n\nMemories:\n${lines.join('\n')}` },
  ];
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > memoryChars ? `${flat.slice(0, memoryChars)}…` : flat;
}

/**
 * The scores an LLM answered for `count` memories, in [0,1] (NaN: not scored), or undefined when
 * the answer is not usable: no JSON, a list of another length, or fewer than half of them scored.
 * Read defensively: `{"scores": [7, 2]}`, a bare list, `[{"id": 0, "score": 7}]` (also `index`,
 * `relevance`) or `{"0": 7}`; reasoning blocks, code fences and prose around the JSON are skipped;
 * a score off the 0-10 scale counts as missing.
 */
export function parseRerankScores(answer: string, count: number): Float64Array | undefined {
  const value = readJson(answer);
  const list = isRecord(value) ? (value['scores'] ?? value['results'] ?? value) : value;
  const scores = new Float64Array(count).fill(NaN);
  if (Array.isArray(list)) {
    const positional = list.every((entry) => !isRecord(entry));
    if (positional && list.length !== count) return undefined;
    list.forEach((entry, index) => {
      if (positional) return setScore(scores, index, entry);
      if (isRecord(entry)) setScore(scores, idOf(entry), entry['score'] ?? entry['relevance']);
    });
  } else if (isRecord(list)) {
    for (const [key, score] of Object.entries(list)) setScore(scores, Number(key), score);
  } else {
    return undefined;
  }
  const scored = scores.filter((score) => !Number.isNaN(score)).length;
  return scored > 0 && scored * 2 >= count ? scores : undefined;
}

/**
 * `fused` reordered by the judged scores of its first `scores.length` (unscored: 0; ties keep the
 * fused order), each score the LLM's. Any memory past the judged ones keeps its fused place, its
 * score capped at the lowest judged one, so scores never rise down the list.
 */
export function applyRerankScores(fused: ScoredMemory[], scores: Float64Array): ScoredMemory[] {
  const judged = Array.from(scores, (score) => (Number.isNaN(score) ? 0 : score));
  const order = judged.map((_, index) => index);
  order.sort((a, b) => judged[b] - judged[a] || a - b);
  const head = order.map((index) => withScore(fused[index], judged[index]));
  const floor = head.length > 0 ? head[head.length - 1].score : 1;
  const tail = fused.slice(judged.length).map((m) => withScore(m, Math.min(m.score, floor)));
  return [...head, ...tail];
}

function withScore(memory: ScoredMemory, score: number): ScoredMemory {
  if (!memory.scoreDetails) return { ...memory, score };
  return { ...memory, score, scoreDetails: { ...memory.scoreDetails, finalScore: score } };
}

function setScore(scores: Float64Array, index: number, raw: unknown): void {
  const score = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (!Number.isInteger(index) || index < 0 || index >= scores.length) return;
  if (typeof score !== 'number' || !(score >= 0 && score <= scale)) return;
  if (Number.isNaN(scores[index])) scores[index] = score / scale;
}

function idOf(entry: Record<string, unknown>): number {
  const id = entry['id'] ?? entry['index'];
  return typeof id === 'number' ? id : typeof id === 'string' ? Number(id.trim()) : NaN;
}

// Reasoning models put their thoughts first; others wrap the JSON in fences or prose.
function readJson(answer: string): unknown {
  const text = answer.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  for (const [open, close] of [
    ['{', '}'],
    ['[', ']'],
  ]) {
    const start = text.indexOf(open);
    const end = text.lastIndexOf(close);
    if (start < 0 || end <= start) continue;
    try {
      return JSON.parse(text.slice(start, end + 1)) as unknown;
    } catch {
      // Not this span: try the next shape.
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
