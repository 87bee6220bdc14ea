import { z } from 'zod';
import { defineMessage, defineRequest } from './contract';
import { envelopeSchema, errorBodySchema } from './envelope.schemas';
import {
  addResultSchema,
  isoDate,
  jsonObjectSchema,
  memoryRecordSchema,
  scopeSchema,
  scoredMemorySchema,
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
    text: z.string().min(1),
    role: z.string().optional(),
    actorId: z.string().optional(),
    metadata: jsonObjectSchema.optional(),
  }),
  z.object({
    op: z.literal('UPDATE'),
    memoryId: z.string(),
    text: z.string().min(1),
  }),
  z.object({ op: z.literal('DELETE'), memoryId: z.string() }),
]);
export type WriteOp = z.infer<typeof writeOpSchema>;

/** One add (or edit) applied by the vector-store in one transaction. */
export const memoryWriteCommandSchema = envelopeSchema.extend({
  scope: scopeSchema,
  metadata: jsonObjectSchema.default({}),
  expirationDate: isoDate.nullable().optional(),
  ops: z.array(writeOpSchema).max(1000),
});
export type MemoryWriteCommand = z.infer<typeof memoryWriteCommandSchema>;

export const memoryWriteRequestedContract = defineMessage(
  'memory.write.requested.v1',
  memoryWriteCommandSchema,
);

export const addCompletedSchema = envelopeSchema.extend({
  status: z.enum(['SUCCEEDED', 'FAILED']),
  results: z.array(addResultSchema),
  error: errorBodySchema.optional(),
});
export type AddCompleted = z.infer<typeof addCompletedSchema>;

/** Published after an add's writes commit (or fail for good); sync callers wait for it. */
export const memoryAddCompletedContract = defineMessage(
  'memory.add.completed.v1',
  addCompletedSchema,
);

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
  }),
  z.object({ results: z.array(scoredMemorySchema) }),
);

export const getMemoryContract = defineRequest(
  'memory.item.get.v1',
  z.object({ projectId: z.string(), memoryId: z.string() }),
  z.object({ memory: memoryRecordSchema.nullable() }),
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

/** JetStream streams: names and the subjects they capture. */
export const streams = {
  memoryWrites: {
    name: 'MNEMO_MEMORY_WRITES',
    subjects: [memoryWriteRequestedContract.subject],
    retention: 'workqueue',
  },
} as const;
export type StreamDefinition = (typeof streams)[keyof typeof streams];
