import { z } from 'zod';

/**
 * The answer of `POST /v1/memories/import/` (a Mnemo extension): the gateway answers it and the
 * `mnemo import` command reads it.
 */
export const importStatuses = ['IMPORTED', 'DUPLICATE', 'FAILED'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** What became of one memory of the batch. */
export const importOutcomeSchema = z
  .object({
    index: z.number().int().describe('position of the memory in the request'),
    status: z.enum(importStatuses),
    id: z
      .string()
      .optional()
      .describe('the id the memory has; for a duplicate, the memory already there'),
    source_id: z
      .string()
      .optional()
      .describe('the id the source gave, when it was not a UUID and a derived one replaced it'),
    reason: z.string().optional().describe('why it was skipped or failed'),
  })
  .meta({ id: 'ImportOutcome' });
export type ImportOutcome = z.infer<typeof importOutcomeSchema>;

export const importAnswerSchema = z.object({
  imported: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  results: z.array(importOutcomeSchema).describe('one per memory sent, in order'),
});
export type ImportAnswer = z.infer<typeof importAnswerSchema>;
