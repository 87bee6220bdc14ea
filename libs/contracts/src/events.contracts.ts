import { z } from 'zod';
import { defineRequest } from './contract';
import { errorBodySchema } from './envelope.schemas';
import { addResultSchema, jsonObjectSchema } from './memory.schemas';

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

export const registerAddEventContract = defineRequest(
  'memory.event.register.v1',
  z.object({
    eventId: z.string(),
    projectId: z.string(),
    eventType: z.string().default('ADD'),
    payload: jsonObjectSchema.nullable().default(null),
    metadata: jsonObjectSchema.nullable().default(null),
  }),
  z.object({ registered: z.boolean() }),
);

export const getAddEventContract = defineRequest(
  'memory.event.get.v1',
  z.object({ projectId: z.string(), eventId: z.string() }),
  z.object({ event: addEventSchema.nullable() }),
);

export const listAddEventsContract = defineRequest(
  'memory.event.list.v1',
  z.object({
    projectId: z.string(),
    limit: z.number().int().min(1).max(1000),
    offset: z.number().int().min(0),
    status: z.enum(addEventStatuses).optional(),
  }),
  z.object({ results: z.array(addEventSchema), total: z.number().int() }),
);
