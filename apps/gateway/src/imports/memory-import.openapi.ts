import { z } from 'zod';
import { importAnswerSchema } from '@mnemo/contracts';
import type { RouteDoc } from '../docs/openapi-route';
import { importBatchLimit, importCommandBytes, importItemSchema } from './imported-memory';

export const importBodySchema = z.object({
  memories: z
    .array(importItemSchema.meta({ id: 'ImportedMemory' }))
    .min(1)
    .max(importBatchLimit),
});

/** The Mnemo extension that `mnemo import` sends its batches to. */
export const importRoutes: RouteDoc[] = [
  {
    auth: 'platform',
    method: 'post',
    path: '/v1/memories/import',
    summary: 'Import memories as they are (a Mem0 export), keeping ids, times and scopes',
    body: importBodySchema,
    response: importAnswerSchema,
    description: [
      `A Mnemo extension. Up to ${importBatchLimit} memories (at most ${importCommandBytes} bytes`,
      'as JSON) shaped as `MemoryClient.getAll()` returns them. Each is written verbatim (no LLM),',
      'embedded, and gets an ADD history entry dated `created_at`. A UUID `id` is kept; another',
      'id is replaced by a UUID derived from it (`source_id` tells); no id gets one derived from',
      'the text, scope and `created_at`, so sending the same memory again is a duplicate. Ids are',
      "per project: another project's memories are never looked at. An id or a text (in its",
      'scope) the project holds already is skipped as a DUPLICATE, never overwritten; an invalid',
      'memory FAILS alone with a reason. A write: READER keys are refused.',
    ].join(' '),
  },
];
