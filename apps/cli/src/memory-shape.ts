/**
 * The shapes memories travel in: what sources give (Mem0 Platform exports and API answers in
 * snake_case or the JS SDK's camelCase, open-source server items), what the import route takes,
 * and what `mnemo export` writes (the items `MemoryClient.getAll()` returns).
 *
 * The CLI takes only types from `@mnemo/contracts` (`import type`, erased when it runs): its bin
 * runs the TypeScript source through tsx from any directory, where the `@mnemo/*` paths of the
 * repository's tsconfig do not resolve, and it loads no schemas it does not use at start.
 */
import type { EntityField } from '@mnemo/contracts';

export type Json = Record<string, unknown>;

/** One memory as `POST /v1/memories/import/` takes it. */
export interface ImportItem {
  id?: string;
  memory: string;
  user_id?: string;
  agent_id?: string;
  app_id?: string;
  run_id?: string;
  metadata?: unknown;
  categories?: unknown;
  created_at?: string | number;
  updated_at?: string | number;
  expiration_date?: string;
  actor_id?: string;
  role?: string;
}

/** One memory of an export file, as `MemoryClient.getAll()` (Python) returns it. */
export interface ExportedMemory {
  id: string;
  memory: string;
  user_id: string | null;
  agent_id: string | null;
  app_id: string | null;
  run_id: string | null;
  metadata: unknown;
  categories: unknown;
  created_at: string | null;
  updated_at: string | null;
  expiration_date: string | null;
}

// The contracts' scope fields, listed for use at run time: a field added there, or renamed, fails
// the CLI's type check here.
const scopeFieldSet = {
  user_id: true,
  agent_id: true,
  app_id: true,
  run_id: true,
} as const satisfies Record<EntityField, true>;
export const entityFields = Object.keys(scopeFieldSet) as EntityField[];
/** At most one id per field; the memories must match all that are given. */
export type ScopeFilter = Partial<Record<EntityField, string>>;

export type Normalised = { item: ImportItem } | { problem: string };

/** A source's memory in the import route's shape; a problem when it cannot be one. */
export function toImportItem(raw: unknown): Normalised {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problem: 'not a JSON object' };
  }
  const source = raw as Json;
  const data = source['data'] as Json | null | undefined;
  const memory = first(source['memory'], data?.['memory'], source['text']);
  if (typeof memory !== 'string') return { problem: 'no memory text (a "memory" string)' };
  const item: ImportItem = { memory };
  const id = idOf(source['id']);
  if (id !== undefined) item.id = id;
  setText(item, 'user_id', source['user_id'], source['userId']);
  setText(item, 'agent_id', source['agent_id'], source['agentId']);
  setText(item, 'app_id', source['app_id'], source['appId']);
  // v3 lists call the run `session_id`
  setText(
    item,
    'run_id',
    source['run_id'],
    source['runId'],
    source['session_id'],
    source['sessionId'],
  );
  setText(item, 'actor_id', source['actor_id'], source['actorId']);
  setText(item, 'role', source['role']);
  setText(item, 'expiration_date', source['expiration_date'], source['expirationDate']);
  const metadata = first(source['metadata']);
  if (metadata !== undefined) item.metadata = metadata;
  const categories = first(source['categories']);
  if (categories !== undefined) item.categories = categories;
  const created = time(first(source['created_at'], source['createdAt']));
  if (created !== undefined) item.created_at = created;
  const updated = time(first(source['updated_at'], source['updatedAt']));
  if (updated !== undefined) item.updated_at = updated;
  return { item };
}

/** A listed memory (Platform v1/v2/v3 item) in the export file's shape. */
export function toExportedMemory(raw: Json): ExportedMemory {
  const text = (key: string, ...others: unknown[]) => textOf(first(raw[key], ...others));
  return {
    id: String(raw['id']),
    memory: textOf(first(raw['memory'], (raw['data'] as Json | undefined)?.['memory'])) ?? '',
    user_id: text('user_id'),
    agent_id: text('agent_id'),
    app_id: text('app_id'),
    run_id: text('run_id', raw['session_id']),
    metadata: raw['metadata'] ?? null,
    categories: raw['categories'] ?? [],
    created_at: text('created_at'),
    updated_at: text('updated_at'),
    expiration_date: text('expiration_date'),
  };
}

/** The memories of an export file: a JSON array, or an object whose `results` is one. */
export function memoriesOfExport(parsed: unknown): unknown[] {
  if (Array.isArray(parsed)) return parsed;
  if (parsed && typeof parsed === 'object') {
    const results = (parsed as Json)['results'] ?? (parsed as Json)['memories'];
    if (Array.isArray(results)) return results;
  }
  throw new Error('expected a JSON array of memories, or an object with a "results" array');
}

/** True when the item belongs to every scope the filter names. */
export function matchesScope(item: ImportItem, filter: ScopeFilter): boolean {
  return entityFields.every(
    (field) => filter[field] === undefined || item[field] === filter[field],
  );
}

/** The id a report shows for an item. */
export function describeItem(item: ImportItem | undefined, index: number): string {
  return item?.id ? `#${index} (id ${item.id})` : `#${index}`;
}

function first(...values: unknown[]): unknown {
  return values.find((value) => value !== undefined && value !== null);
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function setText(item: ImportItem, key: keyof ImportItem, ...values: unknown[]): void {
  const value = first(...values);
  if (typeof value === 'string' && value !== '') (item as unknown as Json)[key] = value;
  else if (typeof value === 'number' && Number.isFinite(value))
    (item as unknown as Json)[key] = String(value);
}

function time(value: unknown): string | number | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}
