import { z } from 'zod';

// Answers of the tenancy, webhook, profile, export and channel-B routes, as their mappers build
// them (see openapi-responses.schemas.ts for why they live here).

const json = z.record(z.string(), z.unknown());
const timestamp = z.string().describe('ISO 8601 date-time');
const role = z.enum(['OWNER', 'READER']);

export const createdProjectSchema = z.object({
  org_id: z.string(),
  project_id: z.string(),
  api_key: z.string().describe('shown once'),
});

export const keyListingSchema = z.object({
  keys: z.array(
    z.object({
      id: z.string(),
      prefix: z.string(),
      label: z.string().nullable(),
      created_at: timestamp,
      last_used_at: timestamp.nullable(),
      revoked: z.boolean(),
    }),
  ),
});

export const createdKeySchema = z.object({
  id: z.string(),
  api_key: z.string().describe('shown once'),
  prefix: z.string(),
});

const memberSchema = z.object({ username: z.string(), role, email: z.string() });

export const membersSchema = z.object({ members: z.array(memberSchema) });

export const projectSchema = z
  .object({
    project_id: z.string(),
    org_id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    members: z.array(memberSchema),
    is_default: z.boolean(),
    user_role: role,
  })
  .partial()
  .loose()
  .describe('The Platform Project object with its settings; `fields` keeps only those keys');

export const projectCreatedSchema = z.object({ message: z.string(), project_id: z.string() });

export const webhookSchema = z.object({
  webhook_id: z.string(),
  name: z.string(),
  url: z.string(),
  event_types: z.array(z.string()),
  owner: z.string(),
  is_active: z.boolean(),
  project: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  disabled_reason: z.string().optional(),
  secret: z.string().optional().describe('only in the answer to a create or a rotation'),
});

export const deliverySchema = z.object({
  delivery_id: z.string(),
  webhook_id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  next_attempt_at: timestamp.nullable(),
  last_status_code: z.number().int().nullable(),
  last_latency_ms: z.number().nullable(),
  last_error: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const exportQueuedSchema = z.object({ message: z.string(), id: z.string() });

export const exportAnswerSchema = z
  .union([
    z.object({ id: z.string(), status: z.literal('PENDING'), message: z.string() }),
    z.object({ id: z.string(), status: z.literal('FAILED'), error: z.string() }),
    json,
  ])
  .describe('The exported value once built; otherwise its PENDING or FAILED status');

export const summarySchema = z.array(
  z.object({ category: z.string(), summary: z.string(), memory_count: z.number().int() }),
);

export const feedbackSchema = z.object({
  id: z.string(),
  feedback: z.string().nullable(),
  feedback_reason: z.string().nullable(),
});

export const userProfileSchema = z.object({
  profile: z.unknown(),
  status: z.string(),
  entity_type: z.string(),
  entity_id: z.string(),
  updated_at: timestamp.nullable(),
  generation_count: z.number().int(),
  error: z.string().optional(),
});

export const queuedProfileJobSchema = z
  .object({
    job_id: z.string(),
    status: z.string(),
    status_url: z.string(),
    operation: z.enum(['trigger', 'sample']),
    entity_type: z.string(),
    entity_count_reserved: z.number().int(),
    event_id: z.string().nullable(),
    replayed: z.boolean(),
  })
  .loose();

export const profileJobSchema = z.object({ job: json });

export const profileSettingsSchema = z.object({
  enabled: z.boolean(),
  entities: z.object({
    user: z.object({ schema: json.nullable(), custom_instructions: z.string().nullable() }),
  }),
  capabilities: json,
});

export const structuredProfileSchema = z.object({
  user_id: z.string(),
  nickname: z.string().nullable(),
  city: z.string().nullable(),
  vip_level: z.number().int().nullable(),
  attributes: json.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

export const sessionMessageSchema = z.object({
  id: z.number().int(),
  session_id: z.string(),
  user_id: z.string().nullable(),
  role: z.string(),
  content: z.string(),
  created_at: timestamp,
});

export const appendedMessagesSchema = z.object({ messages: z.array(sessionMessageSchema) });

export const sessionMessagesSchema = z.object({
  session_id: z.string(),
  messages: z.array(sessionMessageSchema),
});

export const userContextSchema = z.object({
  memories: z.array(
    z.object({
      id: z.string(),
      memory: z.string(),
      score: z.number(),
      categories: z.array(z.string()),
      metadata: json.nullable(),
      created_at: timestamp,
      updated_at: timestamp,
    }),
  ),
  profile: structuredProfileSchema.nullable(),
  recent_messages: z.array(sessionMessageSchema),
});

export const configurationSchema = json.describe('The open-source server configuration');
export const instructionsSchema = json.describe('Generated custom instructions');
export const prometheusText = z.string().describe('Prometheus text exposition format');
