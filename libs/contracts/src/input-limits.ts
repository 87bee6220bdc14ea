import { z } from 'zod';
import { maxFilterDepth } from './filters/filter.parser';

/**
 * The input limits, one set for the gateway (checked at the edge) and the services (checked on
 * consume), so whatever the gateway accepts every service can store and the bus can carry.
 */
export const inputLimits = {
  /** messages in one add */
  messagesPerAdd: 1000,
  /**
   * UTF-16 code units per message and per memory text: `memories.memory` is a TEXT column
   * (65,535 bytes) and a code unit takes at most 3 bytes of UTF-8.
   */
  textChars: 20_000,
  /** code units over all messages of one add: the work the extractor does per add */
  addChars: 100_000,
  /**
   * An add job as it goes on the bus (JSON bytes). Its add event (payload plus results) must still
   * fit one 1 MiB bus message when read back, so this is well under half of it.
   */
  addJobBytes: 400 * 1024,
  /** JSON bytes of one metadata object, profile `attributes` or filter object */
  jsonBytes: 64 * 1024,
  /** nesting depth of metadata and profile attributes (the top object is depth 1) */
  jsonDepth: 32,
  /** nesting depth of filters as JSON: each logical level the parser allows is an object and a list */
  filterJsonDepth: 2 * maxFilterDepth + 2,
  /** `user_id`, `agent_id`, `run_id`, `app_id`: the VARCHAR(255) columns */
  entityIdChars: 255,
  /** search queries, prompts and custom instructions */
  queryChars: 8_000,
  /** the largest `page_size` of the add-event list */
  eventsPageSize: 100,
  /** nodes (values, keys) in one request body or query: bounds the work of walking it */
  requestNodes: 50_000,
} as const;

/** The reply budget of one bus request: lists are cut to this many JSON bytes and continued. */
export const busReplyBudgetBytes = 256 * 1024;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False when a string holds a lone UTF-16 surrogate, which no UTF-8 column or JSON reader takes. */
export function isWellFormedText(value: string): boolean {
  return !loneSurrogate.test(value);
}

const controlCharacter = /[\u0000-\u001f\u007f]/;

/** Text the services store: within the length limit and valid UTF-16. */
export function boundedText(maxChars: number = inputLimits.textChars) {
  return z
    .string()
    .max(maxChars, { error: `must be at most ${maxChars} characters` })
    .refine(isWellFormedText, { error: 'must be valid UTF-16 (no lone surrogates)' });
}

/** An entity id: 1 to 255 characters, no control characters, valid UTF-16. */
export const entityIdSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(inputLimits.entityIdChars, {
    error: `must be at most ${inputLimits.entityIdChars} characters`,
  })
  .refine((value) => !controlCharacter.test(value), {
    error: 'must not contain control characters',
  })
  .refine(isWellFormedText, { error: 'must be valid UTF-16 (no lone surrogates)' });

/** Depth of a JSON value (a scalar is 0, `{}` is 1), walked without recursion. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A JSON object within the size and depth limits (metadata, attributes). */
export function boundedJsonObject(
  maxBytes: number = inputLimits.jsonBytes,
  maxDepth: number = inputLimits.jsonDepth,
) {
  return z
    .record(z.string(), z.unknown())
    .refine((value) => jsonDepth(value) <= maxDepth, {
      error: `must be nested at most ${maxDepth} levels deep`,
    })
    .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= maxBytes, {
      error: `must be at most ${maxBytes} bytes as JSON`,
    });
}

/**
 * The leading items whose JSON fits the reply budget (always at least one): a list responder
 * answers these and the caller asks again from where the reply stopped.
 */
export function withinReplyBudget<T>(
  items: readonly T[],
  budget = busReplyBudgetBytes,
  wire: (item: T) => unknown = (item) => item,
): T[] {
  const kept: T[] = [];
  let bytes = 0;
  for (const item of items) {
    bytes += Buffer.byteLength(JSON.stringify(wire(item))) + 1;
    if (kept.length > 0 && bytes > budget) break;
    kept.push(item);
  }
  return kept;
}

export interface ListChunk<T> {
  results: T[];
  total: number;
}

/**
 * Gathers `limit` rows from a responder that cuts its replies with `withinReplyBudget`: asks again
 * from where the last reply stopped, so a page of large rows never needs one oversized message.
 */
export async function collectChunks<T>(
  limit: number,
  offset: number,
  fetch: (limit: number, offset: number) => Promise<ListChunk<T>>,
): Promise<ListChunk<T>> {
  const results: T[] = [];
  let total = 0;
  while (results.length < limit) {
    const chunk = await fetch(limit - results.length, offset + results.length);
    total = chunk.total;
    results.push(...chunk.results);
    if (chunk.results.length === 0 || offset + results.length >= total) break;
  }
  return { results, total };
}

/** Filters as a JSON object: the metadata size limit, and deep enough for every parsable filter. */
export const boundedFiltersObject = () =>
  boundedJsonObject(inputLimits.jsonBytes, inputLimits.filterJsonDepth);
