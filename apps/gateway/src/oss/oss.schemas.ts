import { z } from 'zod';
import {
  boundedFiltersObject,
  boundedJsonObject,
  boundedText,
  entityIdSchema,
  inputLimits,
  isoDate,
} from '@mnemo/contracts';

const id = entityIdSchema;
const metadata = boundedJsonObject();
const shortText = boundedText(inputLimits.entityIdChars);

export const ossMessageSchema = z.object({
  role: shortText.min(1),
  content: boundedText(),
  name: shortText.optional(),
});

export const ossMemoryCreateSchema = z.object({
  messages: z.array(ossMessageSchema).min(1).max(inputLimits.messagesPerAdd),
  user_id: id.optional(),
  agent_id: id.optional(),
  run_id: id.optional(),
  metadata: metadata.optional(),
  expiration_date: isoDate.optional(),
  infer: z.boolean().default(true),
  memory_type: shortText.optional(),
  prompt: boundedText(inputLimits.queryChars).optional(),
});
export type OssMemoryCreate = z.output<typeof ossMemoryCreateSchema>;

export const ossSearchSchema = z.object({
  query: boundedText(inputLimits.queryChars),
  filters: boundedFiltersObject().optional(),
  user_id: id.optional(),
  agent_id: id.optional(),
  run_id: id.optional(),
  top_k: z.number().int().min(1).max(1000).default(20),
  threshold: z.number().default(0.1),
  explain: z.boolean().default(false),
  show_expired: z.boolean().default(false),
  /** Mnemo: the Platform's search options, with the same meaning */
  rerank: z.boolean().default(false),
  keyword_search: z.boolean().default(false),
});
export type OssSearch = z.output<typeof ossSearchSchema>;

export const memoryIdParamSchema = z.string().min(1).max(64);

const queryBool = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

export const ossListQuerySchema = z.object({
  user_id: id.optional(),
  agent_id: id.optional(),
  run_id: id.optional(),
  top_k: z.coerce.number().int().min(0).max(1000).optional(),
  show_expired: queryBool.default(false),
});

export const ossDeleteAllQuerySchema = z.object({
  user_id: id.optional(),
  agent_id: id.optional(),
  run_id: id.optional(),
});

export const ossMemoryUpdateSchema = z.object({
  text: boundedText().min(1).optional(),
  metadata: metadata.optional(),
  expiration_date: isoDate.nullable().optional(),
});

export const ossEntityTypeSchema = z.enum(['user', 'agent', 'run']);
