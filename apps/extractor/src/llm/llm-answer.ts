/** Why a model's JSON answer could not be read at all. */
export type JsonAnswerFault = 'empty_answer' | 'invalid_json';

export type JsonAnswer = { ok: true; value: unknown } | { ok: false; fault: JsonAnswerFault };

// Reasoning models served through OpenAI-compatible endpoints put their thoughts before the answer.
const THINK_BLOCK = /<think>[\s\S]*?<\/think>/gi;
const FENCED_BLOCK = /```[a-zA-Z]*\s*([\s\S]*?)```/;

/** Removes reasoning blocks and surrounding whitespace from a model's answer. */
export function cleanAnswer(text: string): string {
  return text.replace(THINK_BLOCK, '').trim();
}

/** Removes one code fence wrapping the whole answer, as models add around plain text too. */
export function stripCodeFence(text: string): string {
  const cleaned = cleanAnswer(text);
  const fenced = /^```[a-zA-Z]*\s*([\s\S]*?)\s*```$/.exec(cleaned);
  return fenced?.[1] !== undefined ? fenced[1].trim() : cleaned;
}

/**
 * Reads the JSON a model was asked for, tolerating what models wrap it in: code fences, prose
 * before or after, reasoning blocks. Tries the whole answer, the first fenced block, then the
 * outermost `{...}` and `[...]` spans.
 */
export function parseJsonAnswer(text: string): JsonAnswer {
  const cleaned = cleanAnswer(text);
  if (cleaned === '') return { ok: false, fault: 'empty_answer' };
  const candidates = [
    cleaned,
    FENCED_BLOCK.exec(cleaned)?.[1],
    span(cleaned, '{', '}'),
    span(cleaned, '[', ']'),
  ];
  for (const candidate of candidates) {
    const value = candidate === undefined ? undefined : tryParse(candidate.trim());
    if (value !== undefined) return { ok: true, value };
  }
  return { ok: false, fault: 'invalid_json' };
}

/** The form two memory texts are compared in: case, spacing and a final full stop do not count. */
export function normaliseMemoryText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.!。]+$/u, '')
    .trim();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function span(text: string, open: string, close: string): string | undefined {
  const start = text.indexOf(open);
  const end = text.lastIndexOf(close);
  return start >= 0 && end > start ? text.slice(start, end + 1) : undefined;
}

function tryParse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
