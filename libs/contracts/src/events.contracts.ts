import { z } from 'zod';
import { errorBodySchema } from './envelope.schemas';
import {
  addResultSchema,
  jsonObjectSchema,
  scopeFields,
  type JsonObject,
  type Scope,
} from './memory.schemas';

export const addEventStatuses = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type AddEventStatus = (typeof addEventStatuses)[number];

/** The lifecycle of one add, as `GET /v1/event/{id}/` shows it. */
export const addEventSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  eventType: z.string(),
  status: z.enum(addEventStatuses),
  payload: jsonObjectSchema.nullable(),
  metadata: jsonObjectSchema.nullable(),
  results: z.array(addResultSchema),
  error: errorBodySchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  latencyMs: z.number().nullable(),
});
export type AddEvent = z.infer<typeof addEventSchema>;

/** What an add's event shows as its payload: the messages and the ids of the scope. */
export function addEventPayload(add: { messages: unknown[]; scope: Scope }): JsonObject {
  return { messages: add.messages, ...scopeFields(add.scope) };
}
