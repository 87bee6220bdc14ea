import { z } from 'zod';
import { isoDate, jsonObjectSchema } from '@mnemo/contracts';

const id = z.string().min(1).max(255);

export const ossMessageSchema = z.object({
  role: z.string().min(1),
  content: z.string(),
  name: z.string().optional(),
});

export const ossMemoryCreateSchema = z.object({
  messages: z.array(ossMessageSchema).min(1),
  user_id: id.optional(),
  agent_id: id.optional(),
  run_id: id.optional(),
  metadata: jsonObjectSchema.optional(),
  expiration_date: isoDate.optional(),
  infer: z.boolean().default(true),
  memory_type: z.string().optional(),
  prompt: z.string().optional(),
});
export type OssMemoryCreate = z.output<typeof ossMemoryCreateSchema>;

export const ossSearchSchema = z.object({
  query: z.string(),
  filters: jsonObjectSchema.optional(),
  user_id: id.optional(),
  agent_id: id.optional(),
  run_id: id.optional(),
  top_k: z.number().int().min(1).max(1000).default(20),
  threshold: z.number().default(0.1),
  explain: z.boolean().default(false),
  show_expired: z.boolean().default(false),
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
  text: z.string().min(1).optional(),
  metadata: jsonObjectSchema.optional(),
  expiration_date: isoDate.nullable().optional(),
});

export const ossEntityTypeSchema = z.enum(['user', 'agent', 'run']);
