import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  boundedJsonObject,
  boundedText,
  entityIdSchema,
  inputLimits,
  isoDate,
  type JsonObject,
  type Scope,
} from '@mnemo/contracts';

/** Memories in one `POST /v1/memories/import/`: as many ops as one write command carries. */
export const importBatchLimit = 1000;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids derived here are name-based UUIDs (version 5, SHA-1) in this namespace: the same memory sent
 * twice gets the same id, so it is a duplicate the second time.
 */
const importNamespace = 'f0c3d8a2-7d4e-5b8f-9a61-3e2b1c0d9e7f';

/** A time as Mem0 writes it (ISO 8601, any offset, microseconds) or as epoch seconds. */
const timeInput = z.union([z.string().max(64), z.number()]);

/** One memory as a Mem0 export holds it (`MemoryClient.getAll()` items); unknown keys are dropped. */
export const importItemSchema = z.object({
  id: z.string().min(1).max(255).nullish(),
  memory: boundedText().refine((text) => text.trim() !== '', { error: 'must not be empty' }),
  user_id: entityIdSchema.nullish(),
  agent_id: entityIdSchema.nullish(),
  app_id: entityIdSchema.nullish(),
  run_id: entityIdSchema.nullish(),
  metadata: boundedJsonObject().nullish(),
  categories: z.array(z.string().min(1).max(255)).max(100).nullish(),
  created_at: timeInput.nullish(),
  updated_at: timeInput.nullish(),
  expiration_date: isoDate.nullish(),
  actor_id: entityIdSchema.nullish(),
  role: z.string().min(1).max(64).nullish(),
});
export type ImportItem = z.output<typeof importItemSchema>;

/** The request: a bounded batch; each item is checked on its own, so one bad item fails alone. */
export const importRequestSchema = z.object({
  memories: z
    .array(z.unknown(), { error: 'memories is required: a list of memories' })
    .min(1, { error: 'memories must hold at least one memory' })
    .max(importBatchLimit, {
      error: `memories may hold at most ${importBatchLimit} memories; send the rest in another request`,
    }),
});

/** An item ready to write: its id fixed, its times as ISO strings. */
export interface PreparedImport {
  index: number;
  id: string;
  /** the id the source gave when it was not a UUID (the memory got a derived one) */
  sourceId?: string;
  text: string;
  scope: Scope;
  metadata?: JsonObject;
  categories?: string[];
  expirationDate?: string | null;
  actorId?: string;
  role?: string;
  createdAt: string;
  updatedAt: string;
}

export type Prepared = { ok: true; item: PreparedImport } | { ok: false; reason: string };

/** Checks one raw item and fixes its id and times; `now` fills missing times. */
export function prepareImport(raw: unknown, index: number, now: Date): Prepared {
  const parsed = importItemSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.map(describeIssue).join('; ') };
  }
  const item = parsed.data;
  const scope = scopeOf(item);
  if (Object.keys(scope).length === 0) {
    return { ok: false, reason: 'needs at least one of user_id, agent_id, app_id or run_id' };
  }
  const created = item.created_at == null ? undefined : parseTime(item.created_at);
  if (created === null) return { ok: false, reason: 'created_at: not a date and time' };
  const updated = item.updated_at == null ? undefined : parseTime(item.updated_at);
  if (updated === null) return { ok: false, reason: 'updated_at: not a date and time' };
  const createdAt = created ?? now;
  const updatedAt = updated ?? createdAt;
  const { id, sourceId } = importedId(item, scope, created);
  return {
    ok: true,
    item: {
      index,
      id,
      sourceId,
      text: item.memory,
      scope,
      metadata: item.metadata ?? undefined,
      categories: item.categories ?? undefined,
      expirationDate: item.expiration_date ?? null,
      actorId: item.actor_id ?? undefined,
      role: item.role ?? undefined,
      createdAt: createdAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
    },
  };
}

/**
 * A UUID is kept (lower-cased); any other id is replaced by a UUID derived from it; no id at all
 * gets one derived from the text, the scope and created_at.
 */
export function importedId(
  item: Pick<ImportItem, 'id' | 'memory'>,
  scope: Scope,
  createdAt: Date | undefined,
): { id: string; sourceId?: string } {
  if (item.id && uuidPattern.test(item.id)) return { id: item.id.toLowerCase() };
  if (item.id) return { id: nameUuid(`id\u0000${item.id}`), sourceId: item.id };
  const name = JSON.stringify([
    item.memory,
    scope.userId ?? null,
    scope.agentId ?? null,
    scope.appId ?? null,
    scope.runId ?? null,
    createdAt?.toISOString() ?? null,
  ]);
  return { id: nameUuid(`content\u0000${name}`) };
}

/** RFC 9562 version 5 UUID of `name` in the import namespace. */
export function nameUuid(name: string): string {
  const namespace = Buffer.from(importNamespace.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const isoTime =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An ISO 8601 time (a missing offset is UTC; digits past milliseconds are dropped) or epoch
 * seconds (milliseconds above 1e11); null when it is no time or lies outside years 1000-9999,
 * which the database cannot hold.
 */
export function parseTime(value: string | number): Date | null {
  let date: Date;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    date = new Date(Math.abs(value) >= 1e11 ? value : value * 1000);
  } else {
    const match = isoTime.exec(value.trim());
    if (!match) return null;
    const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
    const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
    const utc = Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second),
      millis,
    );
    const check = new Date(utc);
    // Date.UTC rolls 2025-02-30 over into March: such a date is refused, not moved.
    if (
      check.getUTCMonth() !== Number(month) - 1 ||
      check.getUTCDate() !== Number(day) ||
      Number(hour) > 23 ||
      Number(minute) > 59 ||
      Number(second) > 59
    ) {
      return null;
    }
    date = new Date(utc - offsetMinutes(zone) * 60_000);
  }
  if (Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  return year >= 1000 && year <= 9999 ? date : null;
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
  return zone.startsWith('-') ? -minutes : minutes;
}

function scopeOf(item: ImportItem): Scope {
  const scope: Scope = {};
  if (item.user_id) scope.userId = item.user_id;
  if (item.agent_id) scope.agentId = item.agent_id;
  if (item.app_id) scope.appId = item.app_id;
  if (item.run_id) scope.runId = item.run_id;
  return scope;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const at = issue.path.map(String).join('.');
  return at ? `${at}: ${issue.message}` : issue.message;
}

/** The JSON bytes a write command may take, as for an add: the bus carries it in one message. */
export const importCommandBytes = inputLimits.addJobBytes;
