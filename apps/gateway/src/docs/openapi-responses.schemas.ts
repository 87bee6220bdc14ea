import { z } from 'zod';

// What the gateway answers, as its mappers build it. Requests are validated by the zod schemas
// beside each controller; answers are not, so `openapi.e2e-spec.ts` checks real answers against
// these shapes and fails when a mapper changes without them.

const json = z.record(z.string(), z.unknown());
const nullableId = z.string().nullable();
const timestamp = z.string().describe('ISO 8601 date-time');
const addEvent = z.enum(['ADD', 'UPDATE', 'DELETE', 'NONE']);

export const detailErrorSchema = z
  .object({
    detail: z.string(),
    code: z.string().optional().describe('on 5xx and provider errors: the domain error code'),
    request_id: z.string().optional(),
  })
  .meta({
    id: 'DetailError',
    description: 'Every error that is not a validation error: `{"detail": "..."}`',
  });

export const validationErrorSchema = z
  .object({
    detail: z.array(
      z.object({
        type: z.string(),
        loc: z.array(z.union([z.string(), z.number()])),
        msg: z.string(),
        input: z.unknown().optional(),
      }),
    ),
  })
  .meta({ id: 'ValidationError', description: 'A malformed body, query or path, FastAPI-style' });

export const fieldErrorsSchema = z.record(z.string(), z.array(z.string())).meta({
  id: 'FieldErrors',
  description: 'Django-REST-style field errors: `{"name": ["This field is required."]}`',
});

export const messageSchema = z.object({ message: z.string() });

export const ossMemoryItemSchema = z
  .object({
    id: z.string(),
    memory: z.string(),
    hash: z.string().optional(),
    metadata: json.nullable(),
    score: z.number().nullable().optional(),
    created_at: timestamp,
    updated_at: timestamp.nullable(),
    user_id: z.string().nullable().optional(),
    agent_id: z.string().nullable().optional(),
    run_id: z.string().nullable().optional(),
    actor_id: z.string().optional(),
    role: z.string().optional(),
    expiration_date: z.string().nullable().optional(),
    score_details: json.optional(),
  })
  .meta({ id: 'OssMemoryItem' });

export const ossAddResultsSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      memory: z.string(),
      event: addEvent,
      previous_memory: z.string().optional(),
      actor_id: z.string().nullable().optional(),
      role: z.string().nullable().optional(),
    }),
  ),
});

export const ossHistoryEntrySchema = z
  .object({
    id: z.string(),
    memory_id: z.string(),
    old_memory: z.string().nullable(),
    new_memory: z.string().nullable(),
    event: addEvent,
    created_at: timestamp,
    updated_at: timestamp.nullable(),
    is_deleted: z.boolean(),
    actor_id: z.string().nullable(),
    role: z.string().nullable(),
  })
  .meta({ id: 'OssHistoryEntry' });

export const ossEntitySchema = z.object({
  id: z.string(),
  type: z.enum(['user', 'agent', 'run']),
  total_memories: z.number().int(),
  created_at: timestamp,
  updated_at: timestamp,
});

const platformScope = {
  user_id: nullableId,
  agent_id: nullableId,
  app_id: nullableId,
};

const platformTail = {
  metadata: json.nullable(),
  categories: z.array(z.string()),
  expiration_date: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
};

export const v3ListItemSchema = z
  .object({
    id: z.string(),
    memory: z.string(),
    ...platformScope,
    session_id: nullableId,
    structured_attributes: json.nullable(),
    replaced_by: z.null(),
    synthesized: z.boolean(),
    ...platformTail,
  })
  .meta({ id: 'V3ListItem' });

export const platformMemorySchema = v3ListItemSchema.extend({ lifecycle_state: z.string() });

export const v3SearchItemSchema = z
  .object({
    id: z.string(),
    memory: z.string(),
    ...platformScope,
    run_id: nullableId,
    score: z.number(),
    score_breakdown: z
      .object({ semantic: z.number(), bm25: z.number(), entity: z.number() })
      .partial()
      .optional(),
    ...platformTail,
  })
  .meta({ id: 'V3SearchItem' });

export const v2SearchItemSchema = z
  .object({
    id: z.string(),
    memory: z.string(),
    ...platformScope,
    session_id: nullableId,
    score: z.number(),
    ...platformTail,
  })
  .meta({ id: 'V2SearchItem' });

export const legacyItemSchema = z
  .object({
    id: z.string(),
    memory: z.string(),
    ...platformScope,
    run_id: nullableId,
    hash: z.string(),
    score: z.number().optional(),
    immutable: z.boolean(),
    ...platformTail,
  })
  .meta({ id: 'V1MemoryItem' });

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    count: z.number().int(),
    next: z.string().nullable(),
    previous: z.string().nullable(),
    results: z.array(item),
  });
}

export const platformHistorySchema = z
  .object({
    id: z.string(),
    memory_id: z.string(),
    input: z.array(z.unknown()),
    old_memory: z.string().nullable(),
    new_memory: z.string().nullable(),
    ...platformScope,
    session_id: nullableId,
    categories: z.array(z.string()),
    event: addEvent,
    metadata: json.nullable(),
    created_at: timestamp,
    updated_at: timestamp.nullable(),
  })
  .meta({ id: 'HistoryEntry' });

const addItem = z.object({
  id: z.string(),
  event: addEvent,
  data: z.object({ memory: z.string() }).optional(),
  memory: z.string().optional(),
});

export const platformAddAnswerSchema = z.union([
  z.object({ event_id: z.string(), status: z.literal('PENDING'), message: z.string() }),
  z.object({ results: z.array(addItem) }).loose(),
]);

export const legacyAddAnswerSchema = z.union([
  z.array(addItem),
  z.object({ results: z.array(addItem), relations: z.array(z.unknown()) }),
  z.object({ event_id: z.string(), status: z.literal('PENDING'), message: z.string() }).loose(),
]);

export const addEventSchema = z
  .object({
    id: z.string(),
    event_type: z.string(),
    status: z.enum(['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED']),
    payload: z.unknown(),
    metadata: json.nullable(),
    results: z.array(addItem.extend({ previous_memory: z.string().optional() })),
    created_at: timestamp,
    updated_at: timestamp,
    started_at: timestamp.nullable(),
    completed_at: timestamp.nullable(),
    latency: z.number().nullable(),
    error: z.string().optional(),
    error_code: z.string().optional(),
  })
  .meta({ id: 'AddEvent' });

export const platformEntitySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(['user', 'agent', 'app', 'run']),
  created_at: timestamp,
  updated_at: timestamp,
  owner: z.string(),
  metadata: json,
  total_memories: z.number().int(),
});

export const entitiesPageSchema = pageOf(platformEntitySchema).extend({
  total_users: z.number().int(),
  total_agents: z.number().int(),
  total_apps: z.number().int(),
  total_runs: z.number().int(),
});

export const pingSchema = z.object({
  status: z.literal('ok'),
  org_id: z.string(),
  project_id: z.string(),
  user_email: z.string(),
});

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  services: z.record(z.string(), z.string()),
});

export const readinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  nats: z.enum(['ok', 'down']),
  database: z.enum(['ok', 'down']),
});
