import { z } from 'zod';

const role = z.enum(['OWNER', 'READER']);
const email = z
  .email()
  .max(255)
  .transform((value) => value.toLowerCase());
const name = z.string().trim().min(1).max(255);
const instructions = z.string().max(20000).nullable();

/** `[{"name": "description"}, ...]`, the Platform's shape for custom categories. */
export const customCategoriesSchema = z
  .array(
    z
      .record(z.string().min(1).max(100), z.string().max(2000))
      .refine((entry) => Object.keys(entry).length > 0, 'a category needs a name'),
  )
  .max(200);

export const adminProjectCreateSchema = z.object({
  org_name: name.optional(),
  name,
  description: z.string().max(5000).optional(),
});

export const adminKeyCreateSchema = z
  .object({ label: z.string().max(255).optional(), email: email.optional() })
  .default({});

export const projectCreateSchema = z.object({
  name,
  description: z.string().max(5000).nullable().optional(),
});

/** PATCH body; `org_id`/`project_id` (sent by the Python client) and other keys are ignored. */
export const projectUpdateSchema = z.object({
  custom_instructions: instructions.optional(),
  agent_custom_instructions: instructions.optional(),
  custom_categories: customCategoriesSchema.nullable().optional(),
  multilingual: z.boolean().optional(),
  decay: z.boolean().optional(),
  memory_depth: z.string().max(64).nullable().optional(),
  usecase_setting: z.string().max(20000).nullable().optional(),
  version: z.string().max(16).nullable().optional(),
});

export const projectFieldsQuerySchema = z.object({
  fields: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) =>
      (Array.isArray(value) ? value : value === undefined ? [] : [value])
        .flatMap((field) => field.split(','))
        .map((field) => field.trim())
        .filter((field) => field !== ''),
    ),
});

export const memberAddSchema = z.object({ email, role: role.default('READER') });
export const memberUpdateSchema = z.object({ email, role });
export const memberRemoveQuerySchema = z.object({ email });

export type ProjectUpdate = z.output<typeof projectUpdateSchema>;
