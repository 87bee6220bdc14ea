import { z } from 'zod';
import { defineMessage, defineRequest } from './contract';
import { envelopeSchema, errorBodySchema } from './envelope.schemas';
import { inputLimits } from './input-limits';
import { memoryEventsStream } from './memory-events.contracts';
import {
  addResultSchema,
  historyEntrySchema,
  isoDate,
  jsonObjectSchema,
  memoryRecordSchema,
  scopeSchema,
  scoredMemorySchema,
  storableMessages,
} from './memory.schemas';

export const serviceNames = [
  'gateway',
  'extractor',
  'embedder',
  'vector-store',
  'structured-data',
  'webhook-dispatcher',
] as const;
export type ServiceName = (typeof serviceNames)[number];

const embeddingPurpose = z.enum(['document', 'query']);

export const embedTextContract = defineRequest(
  'embedding.text.embed.v1',
  z.object({ texts: z.array(z.string()).min(1).max(2048), purpose: embeddingPurpose }),
  z.object({
    model: z.string(),
    dims: z.number().int().positive(),
    /** base64 float32, one per text, L2-normalised */
    vectors: z.array(z.string()),
    instanceId: z.string(),
  }),
);

export const writeOpSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('ADD'),
    text: z.string().min(1).max(inputLimits.textChars),
    role: z.string().optional(),
    actorId: z.string().optional(),
    metadata: jsonObjectSchema.optional(),
    categories: z.array(z.string()).optional(),
    /** the text's embedding (base64 float32, as the embedder answered it) when the sender has it */
    vector: z.string().optional(),
  }),
  z.object({
    op: z.literal('UPDATE'),
    memoryId: z.string(),
    text: z.string().min(1).max(inputLimits.textChars),
    categories: z.array(z.string()).optional(),
    vector: z.string().optional(),
  }),
  z.object({ op: z.literal('DELETE'), memoryId: z.string() }),
  /**
   * A memory brought in as it is (`POST /v1/memories/import/`): its own scope, id and times. It is
   * answered ADD when written, NONE (with the id of the memory already there) when the project
   * holds this id, or this text in this scope, already.
   */
  z.object({
    op: z.literal('IMPORT'),
    id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    text: z.string().min(1).max(inputLimits.textChars),
    scope: scopeSchema,
    metadata: jsonObjectSchema.optional(),
    categories: z.array(z.string()).optional(),
    expirationDate: isoDate.nullable().optional(),
    role: z.string().optional(),
    actorId: z.string().optional(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    vector: z.string().optional(),
  }),
]);
export type WriteOp = z.infer<typeof writeOpSchema>;
export type AddOp = Extract<WriteOp, { op: 'ADD' }>;

/** `infer: false`: every storable message becomes an ADD of its text as it is, with its author. */
export function verbatimAdds(
  messages: { role: string; content: string; name?: string }[],
): AddOp[] {
  return storableMessages(messages).map((message) => ({
    op: 'ADD',
    text: message.content,
    role: message.role,
    actorId: message.name,
  }));
}

/** One add (or edit) applied by the vector-store in one transaction. */
export const memoryWriteCommandSchema = envelopeSchema.extend({
  scope: scopeSchema,
  metadata: jsonObjectSchema.default({}),
  expirationDate: isoDate.nullable().optional(),
  ops: z.array(writeOpSchema).max(1000),
  /** the embedder model of the ops' `vector`s; ops without one are embedded by the vector-store */
  embeddingModel: z.string().optional(),
});
export type MemoryWriteCommand = z.infer<typeof memoryWriteCommandSchema>;

export const memoryWriteRequestedContract = defineMessage(
  'memory.write.requested.v1',
  memoryWriteCommandSchema,
);

export const conversationMessageSchema = z.object({
  role: z.string().min(1),
  content: z.string(),
  name: z.string().optional(),
});

/** An add that needs inference: the extractor runs Mem0's algorithm on it. */
export const addJobSchema = envelopeSchema.extend({
  scope: scopeSchema,
  messages: z.array(conversationMessageSchema).min(1).max(inputLimits.messagesPerAdd),
  metadata: jsonObjectSchema.default({}),
  expirationDate: isoDate.nullable().optional(),
  memoryType: z.literal('procedural_memory').optional(),
  /** custom extraction instructions, or the procedural system prompt */
  prompt: z.string().optional(),
  /** false: each message is stored as it is, no extraction */
  infer: z.boolean().default(true),
  /** the categories to choose from, `[{name: description}]`; Mem0's defaults when absent */
  customCategories: z.array(z.record(z.string(), z.string())).optional(),
});
export type AddJob = z.infer<typeof addJobSchema>;

export const addRequestedContract = defineMessage('memory.add.requested.v1', addJobSchema);

export const addCompletedSchema = envelopeSchema.extend({
  status: z.enum(['SUCCEEDED', 'FAILED']),
  results: z.array(addResultSchema),
  error: errorBodySchema.optional(),
});
export type AddCompleted = z.infer<typeof addCompletedSchema>;

/**
 * An add job's outcome, published by the extractor alone once it is final (SUCCEEDED, or FAILED
 * when the job will not be tried again). Stored on the stream `MNEMO_ADD_EVENTS`, from which the
 * gateway records the add's event; a gateway's synchronous caller hears it as it passes.
 */
export const memoryAddCompletedContract = defineMessage(
  'memory.add.completed.v1',
  addCompletedSchema,
);

/** An add job has started running (first delivery or a retry); on the stream `MNEMO_ADD_EVENTS`. */
export const memoryAddStartedContract = defineMessage(
  'memory.add.started.v1',
  envelopeSchema.extend({
    /** when the gateway accepted the add (the job's `occurredAt`) */
    acceptedAt: z.string(),
    eventType: z.string().default('ADD'),
    /** what the event shows as its payload: the messages and the ids of the scope */
    payload: jsonObjectSchema,
    metadata: jsonObjectSchema,
  }),
);

/**
 * A write command's outcome (a verbatim add or an import), published by the vector-store alone
 * after the commit, or FAILED when it gives up on the command. At most once: a waiter that misses
 * it asks `memory.write.outcome.v1`.
 */
export const memoryWriteCompletedContract = defineMessage(
  'memory.write.completed.v1',
  addCompletedSchema,
);

/** The completion of the add `job` (its envelope), SUCCEEDED with `results` or FAILED with `error`. */
export function addCompleted(
  job: { eventId: string; projectId: string; requestId?: string },
  results: AddCompleted['results'],
  error?: AddCompleted['error'],
): AddCompleted {
  return {
    eventId: job.eventId,
    projectId: job.projectId,
    occurredAt: new Date().toISOString(),
    requestId: job.requestId,
    status: error ? 'FAILED' : 'SUCCEEDED',
    results,
    error,
  };
}

export const searchMemoriesContract = defineRequest(
  'memory.item.search.v1',
  z.object({
    projectId: z.string(),
    filters: jsonObjectSchema,
    filterDialect: z.enum(['oss', 'platform']).default('oss'),
    queryText: z.string(),
    queryVector: z.string(),
    model: z.string(),
    topK: z.number().int().min(1).max(1000),
    threshold: z.number().min(0).max(1),
    explain: z.boolean().default(false),
    showExpired: z.boolean().default(false),
    /** rank by BM25 alone (Platform `keyword_search`); the threshold still gates the semantic score */
    keywordSearch: z.boolean().default(false),
    /** reorder the best candidates with the local second-stage scorer (phrases, proximity) */
    rerank: z.boolean().default(false),
  }),
  z.object({ results: z.array(scoredMemorySchema) }),
);

export const getMemoryContract = defineRequest(
  'memory.item.get.v1',
  z.object({ projectId: z.string(), memoryId: z.string() }),
  z.object({ memory: memoryRecordSchema.nullable() }),
);

/** Applies a write command now and answers with its results (idempotent on eventId). */
export const applyWriteContract = defineRequest(
  'memory.write.apply.v1',
  memoryWriteCommandSchema,
  z.object({ results: z.array(addResultSchema) }),
);

/** The results of a write command already applied, or null when it has not been (yet). */
export const writeOutcomeContract = defineRequest(
  'memory.write.outcome.v1',
  z.object({ projectId: z.string(), eventId: z.string() }),
  z.object({ results: z.array(addResultSchema).nullable() }),
);

const filterQuery = {
  projectId: z.string(),
  filters: jsonObjectSchema,
  filterDialect: z.enum(['oss', 'platform']).default('oss'),
};

export const listMemoriesContract = defineRequest(
  'memory.item.list.v1',
  z.object({
    ...filterQuery,
    showExpired: z.boolean().default(false),
    limit: z.number().int().min(1).max(10000),
    offset: z.number().int().min(0).default(0),
  }),
  z.object({ results: z.array(memoryRecordSchema), total: z.number().int() }),
);

export const updateMemoryContract = defineRequest(
  'memory.item.update.v1',
  z.object({
    projectId: z.string(),
    memoryId: z.string(),
    text: z.string().min(1).optional(),
    metadata: jsonObjectSchema.optional(),
    /** null clears it */
    expirationDate: isoDate.nullable().optional(),
    categories: z.array(z.string()).optional(),
  }),
  z.object({ memory: memoryRecordSchema.nullable() }),
);

export const deleteMemoryContract = defineRequest(
  'memory.item.delete.v1',
  z.object({ projectId: z.string(), memoryId: z.string() }),
  z.object({ deleted: z.boolean() }),
);

export const deleteMemoriesContract = defineRequest(
  'memory.item.delete-many.v1',
  z.object(filterQuery),
  z.object({ deleted: z.number().int() }),
);

export const memoryHistoryContract = defineRequest(
  'memory.history.list.v1',
  z.object({ projectId: z.string(), memoryId: z.string() }),
  z.object({ history: z.array(historyEntrySchema) }),
);

export const resetMemoriesContract = defineRequest(
  'memory.store.reset.v1',
  z.object({ projectId: z.string() }),
  z.object({ deleted: z.number().int() }),
);

export const entityTypes = ['user', 'agent', 'app', 'run'] as const;
export type EntityType = (typeof entityTypes)[number];

export const entitySummarySchema = z.object({
  type: z.enum(entityTypes),
  id: z.string(),
  totalMemories: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EntitySummary = z.infer<typeof entitySummarySchema>;

export const listEntitiesContract = defineRequest(
  'memory.entity.list.v1',
  z.object({ projectId: z.string() }),
  z.object({ entities: z.array(entitySummarySchema) }),
);

export const deleteEntityContract = defineRequest(
  'memory.entity.delete.v1',
  z.object({ projectId: z.string(), type: z.enum(entityTypes), id: z.string() }),
  z.object({ deleted: z.number().int() }),
);

/** Custom extraction instructions for a use case, and a message to try them on. */
export const generateInstructionsContract = defineRequest(
  'extraction.instructions.generate.v1',
  z.object({ useCase: z.string().min(1).max(4000) }),
  z.object({ customInstructions: z.string(), testMessage: z.string() }),
);

export const healthReplySchema = z.object({
  service: z.enum(serviceNames),
  instanceId: z.string(),
  status: z.enum(['ok', 'degraded']),
  uptimeSeconds: z.number(),
  details: jsonObjectSchema.optional(),
});
export type HealthReply = z.infer<typeof healthReplySchema>;

export function healthContract(service: ServiceName) {
  return defineRequest(`health.${service}.check.v1`, z.object({}), healthReplySchema);
}

/**
 * Tokens each gateway instance took from its rate-limit buckets since its last report, by bucket
 * key (`key:<api key id>` or `ip:<address>`): every other instance takes them from its own buckets,
 * so N gateways together allow about the configured limit, not N times it.
 */
export const rateLimitUsedContract = defineMessage(
  'gateway.ratelimit.used.v1',
  z.object({
    instanceId: z.string(),
    takes: z.record(z.string().max(200), z.number().int().positive()),
  }),
);

/** JetStream streams: names, the subjects they capture, and whether a read consumes a message. */
export const streams = {
  addJobs: {
    name: 'MNEMO_ADD_JOBS',
    subjects: [addRequestedContract.subject],
    retention: 'workqueue',
  },
  memoryWrites: {
    name: 'MNEMO_MEMORY_WRITES',
    subjects: [memoryWriteRequestedContract.subject],
    retention: 'workqueue',
  },
  memoryEvents: memoryEventsStream,
  /** add jobs' progress, from the extractor to the gateway's event records */
  addEvents: {
    name: 'MNEMO_ADD_EVENTS',
    subjects: [memoryAddStartedContract.subject, memoryAddCompletedContract.subject],
    retention: 'workqueue',
  },
} as const;
export type StreamDefinition = (typeof streams)[keyof typeof streams];
