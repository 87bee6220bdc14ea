import { z } from 'zod';
import { boundedJsonObject, boundedText, entityIdSchema, inputLimits } from '@mnemo/contracts';

const text255 = boundedText(255);
const int32 = z.number().int().min(-2_147_483_648).max(2_147_483_647);

export const userIdParamSchema = entityIdSchema;
export const sessionIdParamSchema = entityIdSchema;

/** PUT writes the whole row (absent fields become null); PATCH changes what is given. */
export const profileBodySchema = z
  .object({
    nickname: text255.nullish(),
    city: text255.nullish(),
    vip_level: int32.nullish(),
    attributes: boundedJsonObject().nullish(),
  })
  .strict();
export type ProfileBody = z.output<typeof profileBodySchema>;

export const appendMessagesSchema = z
  .object({
    user_id: entityIdSchema.nullish(),
    messages: z
      .array(
        z.object({
          role: z.string().min(1).max(32),
          content: boundedText(inputLimits.textChars),
        }),
      )
      .min(1)
      .max(100),
  })
  .strict();

export const listMessagesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before_id: z.coerce.number().int().positive().optional(),
});

export const contextBodySchema = z.object({
  user_id: entityIdSchema,
  query: z.string().trim().min(1).max(inputLimits.queryChars),
  top_k: z.number().int().min(1).max(100).default(10),
  threshold: z.number().min(0).max(1).default(0),
});
