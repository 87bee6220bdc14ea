import { z } from 'zod';
import { defineRequest } from './contract';
import { jsonObjectSchema } from './memory.schemas';

// Channel B: each project's own SQL space (schema, account, memory views) and the built-in
// structured models that live in it (user profiles, session messages).

/** Project ids are `[A-Za-z0-9_-]`: they end up in SQL names. */
export const sqlSpaceProjectIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected a project id made of letters, digits, _ and -');

const projectId = sqlSpaceProjectIdSchema;
const userId = z.string().min(1).max(255);
const sessionId = z.string().min(1).max(255);
const int32 = z.number().int().min(-2_147_483_648).max(2_147_483_647);

// ---- SQL space -----------------------------------------------------------------------------

export const sqlCredentialsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  user: z.string(),
  password: z.string(),
  database: z.string(),
});
export type SqlCredentials = z.infer<typeof sqlCredentialsSchema>;

/** Creates the project's schema, account and views when missing, and sets a new password. */
export const issueSqlCredentialsContract = defineRequest(
  'channelb.credentials.issue.v1',
  z.object({ projectId }),
  sqlCredentialsSchema,
);

/** Drops the project's schema (its tables and views) and its account: for a deleted project. */
export const dropSqlSpaceContract = defineRequest(
  'channelb.space.drop.v1',
  z.object({ projectId }),
  z.object({ dropped: z.boolean() }),
);

// ---- User profiles -------------------------------------------------------------------------

export const structuredProfileFieldsSchema = z.object({
  nickname: z.string().max(255).nullable(),
  city: z.string().max(255).nullable(),
  vipLevel: int32.nullable(),
  attributes: jsonObjectSchema.nullable(),
});
export type StructuredProfileFields = z.infer<typeof structuredProfileFieldsSchema>;

/** A row of the project's `user_profiles` table; `attributes` is the JSON as stored. */
export const structuredProfileSchema = z.object({
  userId: z.string(),
  nickname: z.string().nullable(),
  city: z.string().nullable(),
  vipLevel: z.number().int().nullable(),
  attributes: z.unknown(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StructuredProfile = z.infer<typeof structuredProfileSchema>;

/** Writes the whole row: fields not given are stored as null. */
export const upsertStructuredProfileContract = defineRequest(
  'channelb.profile.upsert.v1',
  z.object({
    projectId,
    userId,
    profile: structuredProfileFieldsSchema.partial(),
  }),
  z.object({ profile: structuredProfileSchema, created: z.boolean() }),
);

export const getStructuredProfileContract = defineRequest(
  'channelb.profile.get.v1',
  z.object({ projectId, userId }),
  z.object({ profile: structuredProfileSchema.nullable() }),
);

/** Changes only the fields given; `attributes` is merged as a JSON merge patch (null removes). */
export const patchStructuredProfileContract = defineRequest(
  'channelb.profile.patch.v1',
  z.object({
    projectId,
    userId,
    patch: structuredProfileFieldsSchema.partial(),
  }),
  z.object({ profile: structuredProfileSchema.nullable() }),
);

export const deleteStructuredProfileContract = defineRequest(
  'channelb.profile.delete.v1',
  z.object({ projectId, userId }),
  z.object({ deleted: z.boolean() }),
);

// ---- Session messages ----------------------------------------------------------------------

export const sessionMessageInputSchema = z.object({
  role: z.string().min(1).max(32),
  content: z.string().max(1_000_000),
});
export type SessionMessageInput = z.infer<typeof sessionMessageInputSchema>;

export const sessionMessageSchema = z.object({
  id: z.number().int(),
  sessionId: z.string(),
  userId: z.string().nullable(),
  role: z.string(),
  content: z.string(),
  createdAt: z.string(),
});
export type SessionMessage = z.infer<typeof sessionMessageSchema>;

/** Appends in order; answers the stored messages with their ids. */
export const appendSessionMessagesContract = defineRequest(
  'channelb.session-message.append.v1',
  z.object({
    projectId,
    sessionId,
    userId: userId.nullable().default(null),
    messages: z.array(sessionMessageInputSchema).min(1).max(100),
  }),
  z.object({ messages: z.array(sessionMessageSchema) }),
);

/** The latest `limit` messages of a session (before `beforeId` when given), oldest first. */
export const listSessionMessagesContract = defineRequest(
  'channelb.session-message.list.v1',
  z.object({
    projectId,
    sessionId,
    limit: z.number().int().min(1).max(1000).default(100),
    beforeId: z.number().int().positive().optional(),
  }),
  z.object({ messages: z.array(sessionMessageSchema) }),
);

// ---- Context -------------------------------------------------------------------------------

/** A user's profile and the latest messages of the user's most recent session. */
export const readUserContextContract = defineRequest(
  'channelb.context.read.v1',
  z.object({
    projectId,
    userId,
    messageLimit: z.number().int().min(1).max(100).default(10),
  }),
  z.object({
    profile: structuredProfileSchema.nullable(),
    sessionId: z.string().nullable(),
    recentMessages: z.array(sessionMessageSchema),
  }),
);
