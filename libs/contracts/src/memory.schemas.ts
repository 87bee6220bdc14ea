import { z } from 'zod';

export const memoryEvents = ['ADD', 'UPDATE', 'DELETE', 'NONE'] as const;
export type MemoryEvent = (typeof memoryEvents)[number];

/** A real calendar day, years 0001-9999 (`0000-00-00` and `2025-02-30` are refused). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(isCalendarDay, 'expected a real calendar date as YYYY-MM-DD');

export function isCalendarDay(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** Who a memory belongs to: Mem0 always scopes by at least one of these. */
export const scopeSchema = z.object({
  userId: z.string().min(1).optional(),
  agentId: z.string().min(1).optional(),
  appId: z.string().min(1).optional(),
  runId: z.string().min(1).optional(),
});
export type Scope = z.infer<typeof scopeSchema>;

/** A scope as the wire names its ids (`user_id`...), leaving out the ones not set. */
export function scopeFields(scope: Scope): Record<string, string> {
  const fields = {
    user_id: scope.userId,
    agent_id: scope.agentId,
    app_id: scope.appId,
    run_id: scope.runId,
  };
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** What an add stores as it is (`infer: false`): every message but the system's, with text. */
export function storableMessages<M extends { role: string; content: string }>(messages: M[]): M[] {
  return messages.filter((message) => message.role !== 'system' && message.content.trim() !== '');
}

export const jsonObjectSchema = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof jsonObjectSchema>;

export const memoryRecordSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  memory: z.string(),
  hash: z.string(),
  metadata: jsonObjectSchema.nullable(),
  categories: z.array(z.string()),
  userId: z.string().nullable(),
  agentId: z.string().nullable(),
  appId: z.string().nullable(),
  runId: z.string().nullable(),
  actorId: z.string().nullable(),
  role: z.string().nullable(),
  expirationDate: isoDate.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemoryRecord = z.infer<typeof memoryRecordSchema>;

export const scoreDetailsSchema = z.object({
  semanticScore: z.number(),
  bm25Score: z.number(),
  entityBoost: z.number(),
  rawScore: z.number(),
  maxPossibleScore: z.number(),
  finalScore: z.number(),
  threshold: z.number(),
});
export type ScoreDetails = z.infer<typeof scoreDetailsSchema>;

export const scoredMemorySchema = memoryRecordSchema.extend({
  score: z.number(),
  scoreDetails: scoreDetailsSchema.optional(),
});
export type ScoredMemory = z.infer<typeof scoredMemorySchema>;

export const historyEntrySchema = z.object({
  id: z.string(),
  memoryId: z.string(),
  oldMemory: z.string().nullable(),
  newMemory: z.string().nullable(),
  event: z.enum(['ADD', 'UPDATE', 'DELETE']),
  createdAt: z.string(),
  updatedAt: z.string(),
  isDeleted: z.boolean(),
  actorId: z.string().nullable(),
  role: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const addResultSchema = z.object({
  id: z.string(),
  memory: z.string(),
  event: z.enum(memoryEvents),
  previousMemory: z.string().optional(),
  actorId: z.string().nullable().optional(),
  role: z.string().nullable().optional(),
});
export type AddResult = z.infer<typeof addResultSchema>;
