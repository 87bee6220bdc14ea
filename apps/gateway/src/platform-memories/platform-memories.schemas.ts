import { z } from 'zod';
import {
  boundedFiltersObject,
  boundedJsonObject,
  boundedText,
  entityIdSchema,
  inputLimits,
  isoDate,
} from '@mnemo/contracts';

// Extra keys the clients send (org_id, project_id, version, source, enable_graph...) are dropped
// by zod's default object parsing; the tenant always comes from the API key.

const entityId = entityIdSchema;
const text = z.string();
const jsonObjectSchema = boundedJsonObject();
const longText = boundedText(inputLimits.queryChars);

/** A string or a list of strings (`categories=a` and `categories[]=a&categories[]=b`). */
const stringList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (typeof value === 'string' ? [value] : value));

const queryBool = z.union([
  z.boolean(),
  z
    .enum(['true', 'false', 'True', 'False', '1', '0'])
    .transform((v) => v.toLowerCase() === 'true' || v === '1'),
]);

/** `filters` as the list and search routes require it. */
const filtersSchema = z
  .record(z.string(), z.unknown(), {
    error: 'filters is required: give an object such as {"user_id": "alice"}',
  })
  .pipe(boundedFiltersObject());

const entityIds = {
  user_id: entityId.nullish(),
  agent_id: entityId.nullish(),
  app_id: entityId.nullish(),
  run_id: entityId.nullish(),
};
export type EntityIdFields = { [K in keyof typeof entityIds]?: string | null };

/** Multimodal content keeps its text parts; the rest (images...) carries no text to remember. */
const contentSchema = z
  .union([
    text,
    z.array(z.looseObject({ type: z.string().optional(), text: z.string().optional() })),
  ])
  .transform((value) =>
    typeof value === 'string'
      ? value
      : value
          .map((part) => part.text ?? '')
          .filter((part) => part !== '')
          .join('\n'),
  )
  .pipe(boundedText());

const messageSchema = z.object({
  role: boundedText(inputLimits.entityIdChars).min(1),
  content: contentSchema,
  name: boundedText(inputLimits.entityIdChars).nullish(),
});

/** Messages as a list, a single message, or a bare string (a user message). */
const messagesSchema = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? [{ role: 'user', content: value }]
      : value !== null && typeof value === 'object' && !Array.isArray(value)
        ? [value]
        : value,
  z
    .array(messageSchema, { error: 'messages is required: give a non-empty list of messages' })
    .min(1, {
      error: 'messages must not be empty',
    })
    .max(inputLimits.messagesPerAdd, {
      error: `messages must hold at most ${inputLimits.messagesPerAdd} messages`,
    }),
);

export const platformAddSchema = z.object({
  messages: messagesSchema,
  ...entityIds,
  filters: boundedFiltersObject().nullish(),
  metadata: jsonObjectSchema.nullish(),
  infer: z.boolean().nullish(),
  async_mode: z.boolean().nullish(),
  custom_categories: z.array(z.record(z.string(), z.string())).max(100).nullish(),
  custom_instructions: longText.nullish(),
  timestamp: z.union([z.number(), z.string()]).nullish(),
  expiration_date: isoDate.nullish(),
  immutable: z.boolean().nullish(),
  output_format: z.string().max(64).nullish(),
  /** Mnemo: also append the messages to a channel-B session (true: the run id, or `default`) */
  record_session: z.union([z.boolean(), z.string().min(1).max(255)]).nullish(),
});
export type PlatformAdd = z.output<typeof platformAddSchema>;

const listExtras = {
  start_date: z.union([z.string(), z.number()]).nullish(),
  end_date: z.union([z.string(), z.number()]).nullish(),
  categories: stringList.nullish(),
  keywords: longText.nullish(),
  fields: stringList.nullish(),
  show_expired: queryBool.nullish(),
};

export const v3ListSchema = z.object({
  filters: filtersSchema,
  ...listExtras,
  ...entityIds,
});

export const v2ListSchema = z.object({
  filters: filtersSchema,
  ...listExtras,
  ...entityIds,
});

export const v1ListQuerySchema = z.object({
  ...entityIds,
  metadata: jsonObjectSchema.nullish(),
  limit: z.coerce.number().int().min(1).nullish(),
  ...listExtras,
});

const searchOptions = {
  top_k: z.number().int().min(1).max(1000).nullish(),
  threshold: z.number().min(0).max(1).nullish(),
  rerank: z.boolean().nullish(),
  keyword_search: z.boolean().nullish(),
  fields: stringList.nullish(),
  categories: stringList.nullish(),
  metadata: jsonObjectSchema.nullish(),
  show_expired: z.boolean().nullish(),
  output_format: z.string().max(64).nullish(),
};

const query = z
  .string({ error: 'query is required' })
  .trim()
  .min(1, { error: 'query must not be empty' })
  .max(inputLimits.queryChars, {
    error: `query must be at most ${inputLimits.queryChars} characters`,
  });

export const v3SearchSchema = z.object({
  query,
  filters: filtersSchema,
  ...searchOptions,
  ...entityIds,
});

export const v2SearchSchema = z.object({
  query,
  filters: filtersSchema,
  ...searchOptions,
  ...entityIds,
});

export const v1SearchSchema = z.object({
  query,
  filters: boundedFiltersObject().nullish(),
  ...searchOptions,
  ...entityIds,
});
export type PlatformSearch = z.output<typeof v1SearchSchema>;

export const memoryUpdateSchema = z.object({
  text: boundedText().min(1).nullish(),
  metadata: jsonObjectSchema.nullish(),
  timestamp: z.union([z.number(), z.string()]).nullish(),
  /** null clears the expiry, absent leaves it */
  expiration_date: isoDate.nullable().optional(),
});

export const deleteQuerySchema = z.object({
  delete_linked: queryBool.nullish(),
});

export const deleteAllQuerySchema = z.object({
  ...entityIds,
  metadata: jsonObjectSchema.nullish(),
});

export const batchLimit = 1000;

export const batchUpdateSchema = z.object({
  memories: z.array(
    z.object({
      memory_id: z.string().min(1).max(64),
      text: boundedText().min(1).nullish(),
      metadata: jsonObjectSchema.nullish(),
    }),
    { error: 'memories is required: give a list of {memory_id, text?, metadata?}' },
  ),
});

/** Each entry is `{memory_id}`; a bare id string is taken as well. */
export const batchDeleteSchema = z.object({
  memories: z.array(
    z
      .union([z.string().min(1), z.object({ memory_id: z.string().min(1) })])
      .transform((entry) => (typeof entry === 'string' ? entry : entry.memory_id)),
    { error: 'memories is required: give a list of {memory_id}' },
  ),
});
