import { z } from 'zod';
import { defineRequest } from './contract';
import { jsonObjectSchema } from './memory.schemas';

const projectId = z.string().min(1);

// ---- Exports -------------------------------------------------------------------------------

export const memoryExportStatuses = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type MemoryExportStatus = (typeof memoryExportStatuses)[number];

export const memoryExportSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  status: z.enum(memoryExportStatuses),
  /** the JSON Schema the result follows */
  schema: jsonObjectSchema,
  filters: jsonObjectSchema,
  exportInstructions: z.string().nullable(),
  /** the exported value, shaped by `schema`, once SUCCEEDED */
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemoryExport = z.infer<typeof memoryExportSchema>;

/** Queues an export (built in the background); invalid schema or filters are `validation_failed`. */
export const createMemoryExportContract = defineRequest(
  'structured.export.create.v1',
  z.object({
    projectId,
    schema: jsonObjectSchema,
    filters: jsonObjectSchema.default({}),
    exportInstructions: z.string().max(20000).optional(),
  }),
  z.object({ id: z.string() }),
);

/** By id; else the latest export with the same filters; else the project's latest. */
export const getMemoryExportContract = defineRequest(
  'structured.export.get.v1',
  z.object({
    projectId,
    exportId: z.string().min(1).optional(),
    filters: jsonObjectSchema.optional(),
  }),
  z.object({ export: memoryExportSchema.nullable() }),
);

// ---- Summary -------------------------------------------------------------------------------

export const memorySummaryItemSchema = z.object({
  /** a memory category, or a keyword topic for memories without categories */
  category: z.string(),
  summary: z.string(),
  memoryCount: z.number().int(),
});
export type MemorySummaryItem = z.infer<typeof memorySummaryItemSchema>;

export const summarizeMemoriesContract = defineRequest(
  'structured.summary.build.v1',
  z.object({ projectId, filters: jsonObjectSchema.default({}) }),
  z.object({ summaries: z.array(memorySummaryItemSchema) }),
);

// ---- Feedback ------------------------------------------------------------------------------

export const memoryFeedbackValues = ['POSITIVE', 'NEGATIVE', 'VERY_NEGATIVE'] as const;
export type MemoryFeedbackValue = (typeof memoryFeedbackValues)[number];

export const memoryFeedbackSchema = z.object({
  id: z.string(),
  memoryId: z.string(),
  feedback: z.enum(memoryFeedbackValues).nullable(),
  feedbackReason: z.string().nullable(),
});
export type MemoryFeedback = z.infer<typeof memoryFeedbackSchema>;

/** Records feedback on a memory of the project; `not_found` when the memory is not there. */
export const recordMemoryFeedbackContract = defineRequest(
  'structured.feedback.record.v1',
  z.object({
    projectId,
    memoryId: z.string().min(1),
    feedback: z.enum(memoryFeedbackValues).nullable(),
    feedbackReason: z.string().max(10000).nullable(),
  }),
  memoryFeedbackSchema,
);

// ---- Profiles ------------------------------------------------------------------------------

export const profileEntityTypes = ['user'] as const;
export const profileStatuses = [
  'succeeded',
  'pending',
  'failed',
  'not_enabled',
  'insufficient_data',
] as const;
export type ProfileStatus = (typeof profileStatuses)[number];

export const userProfileSchema = z.object({
  entityType: z.enum(profileEntityTypes),
  entityId: z.string(),
  profile: jsonObjectSchema,
  status: z.enum(profileStatuses),
  updatedAt: z.string().nullable(),
  generationCount: z.number().int(),
  error: z.string().nullable(),
});
export type UserProfile = z.infer<typeof userProfileSchema>;

/** The stored profile; when none exists yet and the user has memories, one is queued (`pending`). */
export const getUserProfileContract = defineRequest(
  'structured.profile.get.v1',
  z.object({ projectId, entityType: z.enum(profileEntityTypes), entityId: z.string().min(1) }),
  z.object({ profile: userProfileSchema }),
);

export const profileJobOperations = ['trigger', 'sample'] as const;
export const profileJobStatuses = ['pending', 'running', 'succeeded', 'failed'] as const;
export type ProfileJobStatus = (typeof profileJobStatuses)[number];

export const profileJobSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  operation: z.enum(profileJobOperations),
  entityType: z.enum(profileEntityTypes),
  status: z.enum(profileJobStatuses),
  entityIds: z.array(z.string()),
  total: z.number().int().nullable(),
  enumerationComplete: z.boolean(),
  completed: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  eventId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProfileJob = z.infer<typeof profileJobSchema>;

export const profileJobRequestSchema = z.discriminatedUnion('operation', [
  z.object({
    operation: z.literal('trigger'),
    entityType: z.enum(profileEntityTypes),
    entityId: z.string().min(1).max(255),
  }),
  z.object({
    operation: z.literal('sample'),
    entityType: z.enum(profileEntityTypes),
    limit: z.number().int().min(1).max(100).default(10),
  }),
]);
export type ProfileJobRequest = z.infer<typeof profileJobRequestSchema>;

/** Queues profile generation; the same idempotency key answers the first job (`replayed`). */
export const createProfileJobContract = defineRequest(
  'structured.profile-job.create.v1',
  z.object({
    projectId,
    idempotencyKey: z.string().min(1).max(255).optional(),
    job: profileJobRequestSchema,
  }),
  z.object({ job: profileJobSchema, replayed: z.boolean() }),
);

export const getProfileJobContract = defineRequest(
  'structured.profile-job.get.v1',
  z.object({ projectId, jobId: z.string().min(1) }),
  z.object({ job: profileJobSchema.nullable() }),
);

export const profileSettingsSchema = z.object({
  enabled: z.boolean(),
  user: z.object({
    schema: jsonObjectSchema.nullable(),
    customInstructions: z.string().nullable(),
  }),
  capabilities: jsonObjectSchema,
});
export type ProfileSettings = z.infer<typeof profileSettingsSchema>;

export const getProfileSettingsContract = defineRequest(
  'structured.profile-settings.get.v1',
  z.object({ projectId }),
  z.object({ settings: profileSettingsSchema }),
);

/** Changes only what is given; `null` clears the user schema or instructions. */
export const updateProfileSettingsContract = defineRequest(
  'structured.profile-settings.update.v1',
  z.object({
    projectId,
    enabled: z.boolean().optional(),
    user: z
      .object({
        schema: jsonObjectSchema.nullable().optional(),
        customInstructions: z.string().max(20000).nullable().optional(),
      })
      .optional(),
  }),
  z.object({ settings: profileSettingsSchema }),
);
