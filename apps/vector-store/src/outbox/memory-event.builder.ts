import { randomUUID } from 'node:crypto';
import {
  memoryEventSubject,
  type MemoryEventActor,
  type MemoryEventMemory,
  type MemoryEventPayload,
  type MemoryEventType,
  type MemoryRecord,
} from '@mnemo/contracts';

/** An event ready for the outbox: its row id is the event id. */
export interface OutboxEvent {
  id: string;
  projectId: string;
  subject: string;
  payload: MemoryEventPayload;
  createdAt: Date;
}

export interface EventContext {
  at: Date;
  actor?: { actorId?: string | null; role?: string | null };
}

/** `memory.created`, plus `memory.categorized` when the new memory has categories. */
export function memoryCreatedEvents(memory: MemoryRecord, context: EventContext): OutboxEvent[] {
  const events = [memoryEvent('memory.created', memory, context)];
  if (memory.categories.length > 0) events.push(memoryEvent('memory.categorized', memory, context));
  return events;
}

/** `memory.updated` with the previous text, plus `memory.categorized` when the categories changed. */
export function memoryUpdatedEvents(
  before: MemoryRecord,
  after: MemoryRecord,
  context: EventContext,
): OutboxEvent[] {
  const events = [memoryEvent('memory.updated', after, context, before.memory)];
  if (!sameCategories(before.categories, after.categories)) {
    events.push(memoryEvent('memory.categorized', after, context));
  }
  return events;
}

/** `memory.deleted` carrying the memory's last state. */
export function memoryDeletedEvents(last: MemoryRecord, context: EventContext): OutboxEvent[] {
  return [memoryEvent('memory.deleted', last, context)];
}

function memoryEvent(
  type: MemoryEventType,
  memory: MemoryRecord,
  context: EventContext,
  previousMemory?: string,
): OutboxEvent {
  const id = randomUUID();
  return {
    id,
    projectId: memory.projectId,
    subject: memoryEventSubject(memory.projectId, type),
    createdAt: context.at,
    payload: {
      event_id: id,
      type,
      project_id: memory.projectId,
      occurred_at: context.at.toISOString(),
      actor: toActor(context.actor),
      memory: toEventMemory(memory),
      ...(previousMemory === undefined ? {} : { previous_memory: previousMemory }),
    },
  };
}

function toActor(actor: EventContext['actor']): MemoryEventActor | null {
  if (!actor?.actorId && !actor?.role) return null;
  return { actor_id: actor.actorId ?? null, role: actor.role ?? null };
}

function toEventMemory(memory: MemoryRecord): MemoryEventMemory {
  return {
    id: memory.id,
    memory: memory.memory,
    user_id: memory.userId,
    agent_id: memory.agentId,
    app_id: memory.appId,
    run_id: memory.runId,
    metadata: memory.metadata,
    categories: memory.categories,
    expiration_date: memory.expirationDate,
    created_at: memory.createdAt,
    updated_at: memory.updatedAt,
  };
}

// Category order carries no meaning (an LLM may list them differently each time).
function sameCategories(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = [...b].sort();
  return [...a].sort().every((category, index) => category === sorted[index]);
}
