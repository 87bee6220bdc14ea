import type { z } from 'zod';
import { DomainError } from '@mnemo/contracts';
import { findInputProblem } from '../http/input-walk';

/**
 * Parses a Platform body or query: failures are 400 with a one-line `detail`, because the Mem0
 * clients show `detail` as the error message (the open-source routes answer 422 lists instead).
 */
export function parsePlatform<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const problem = findInputProblem(value);
  if (problem) throw new DomainError('validation_failed', described(problem.path, problem.message));
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => described(issue.path, issue.message));
  throw new DomainError('validation_failed', problems.join('; '));
}

function described(path: readonly PropertyKey[], message: string): string {
  const at = path.map(String).join('.');
  return at ? `${at}: ${message}` : message;
}

type RawQuery = Record<string, string | string[] | undefined>;

/**
 * Normalises the query-string spellings the clients use: `categories[]=a` and repeated keys become
 * lists, `metadata[k]=v` (deepObject) or `metadata={"k":"v"}` becomes an object.
 */
export function normaliseQuery(raw: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const metadata: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((raw ?? {}) as RawQuery)) {
    if (value === undefined) continue;
    const deep = /^metadata\[(.+)\]$/.exec(key);
    if (deep) {
      metadata[deep[1]] = Array.isArray(value) ? value[0] : value;
      continue;
    }
    const name = key.endsWith('[]') ? key.slice(0, -2) : key;
    const previous = out[name];
    const values = Array.isArray(value) ? value : [value];
    out[name] =
      previous === undefined && !key.endsWith('[]') && values.length === 1
        ? values[0]
        : [...toList(previous), ...values];
  }
  if (typeof out['metadata'] === 'string') out['metadata'] = parseJsonObject(out['metadata']);
  if (Object.keys(metadata).length > 0) {
    const given = out['metadata'];
    out['metadata'] = { ...(typeof given === 'object' ? given : {}), ...metadata };
  }
  return out;
}

function toList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function parseJsonObject(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError('validation_failed', 'metadata: expected a JSON object');
  }
}

/** The URL the caller used, so links in answers point back at this host and path. */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path memory ids must be UUIDs; the Platform answers 400 before looking anything up. */
export function memoryIdFrom(raw: string): string {
  if (!uuidPattern.test(raw)) {
    throw new DomainError('validation_failed', 'memory_id should be a valid UUID');
  }
  return raw.toLowerCase();
}

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

export const memoryNotFound = 'Memory not found!';

/** Turns the memory services' "not found" into the Platform's wording. */
export async function platformNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') {
      throw new DomainError('not_found', memoryNotFound);
    }
    throw error;
  }
}
