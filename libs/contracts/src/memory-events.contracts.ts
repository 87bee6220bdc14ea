import { z } from 'zod';
import { isoDate, jsonObjectSchema } from './memory.schemas';

/** What happened to a memory; the subject's event token is the part after `memory.`. */
export const memoryEventTypes = [
  'memory.created',
  'memory.updated',
  'memory.deleted',
  'memory.categorized',
] as const;
export type MemoryEventType = (typeof memoryEventTypes)[number];

/**
 * The JetStream stream holding every project's memory events (`streams.memoryEvents`): kept for
 * a configured age, not consumed away, so every subscriber reads each event.
 */
export const memoryEventsStream = {
  name: 'MNEMO_MEMORY_EVENTS',
  subjects: ['mnemo.memory.>'],
  retention: 'limits',
} as const;

const subjectPrefix = 'mnemo.memory';
const safeToken = /^[A-Za-z0-9_-]+$/;

/**
 * The subject token for a project: the id itself when it is `[A-Za-z0-9_-]+`, otherwise `~` and the
 * hex of its UTF-8 bytes, so no id can carry `.`, `*` or `>` into a subject or collide with another.
 */
export function projectSubjectToken(projectId: string): string {
  if (projectId === '') throw new Error('a project id is required');
  if (safeToken.test(projectId)) return projectId;
  const hex = Array.from(new TextEncoder().encode(projectId), (byte) =>
    byte.toString(16).padStart(2, '0'),
  );
  return `~${hex.join('')}`;
}

/** `mnemo.memory.<project>.<created|updated|deleted|categorized>.v1` */
export function memoryEventSubject(projectId: string, type: MemoryEventType): string {
  return `${subjectPrefix}.${projectSubjectToken(projectId)}.${type.slice('memory.'.length)}.v1`;
}

/** What a downstream system of one project subscribes to: `mnemo.memory.<project>.>`. */
export function projectMemoryEventsFilter(projectId: string): string {
  return `${subjectPrefix}.${projectSubjectToken(projectId)}.>`;
}

export const memoryEventActorSchema = z.object({
  actor_id: z.string().nullable(),
  role: z.string().nullable(),
});
export type MemoryEventActor = z.infer<typeof memoryEventActorSchema>;

/** The memory as the event saw it: after the change, or the last state for `memory.deleted`. */
export const memoryEventMemorySchema = z.object({
  id: z.string(),
  memory: z.string(),
  user_id: z.string().nullable(),
  agent_id: z.string().nullable(),
  app_id: z.string().nullable(),
  run_id: z.string().nullable(),
  metadata: jsonObjectSchema.nullable(),
  categories: z.array(z.string()),
  expiration_date: isoDate.nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type MemoryEventMemory = z.infer<typeof memoryEventMemorySchema>;

/** The body of every message on the memory events stream. */
export const memoryEventSchema = z.object({
  /** also the `Nats-Msg-Id`: the same event published twice is stored once */
  event_id: z.string().min(1),
  type: z.enum(memoryEventTypes),
  project_id: z.string().min(1),
  occurred_at: z.iso.datetime(),
  actor: memoryEventActorSchema.nullable(),
  memory: memoryEventMemorySchema,
  /** the text before the change, on `memory.updated` */
  previous_memory: z.string().optional(),
});
export type MemoryEventPayload = z.infer<typeof memoryEventSchema>;
