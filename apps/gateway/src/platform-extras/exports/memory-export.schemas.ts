import { z } from 'zod';
import {
  boundedFiltersObject,
  boundedJsonObject,
  type JsonObject,
  type MemoryExport,
} from '@mnemo/contracts';

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON object given as itself or as a JSON string (the Python client types `schema` as str). */
export const objectOrJsonString = (what: string) =>
  z.unknown().transform((value, ctx): JsonObject => {
    const parsed = typeof value === 'string' ? parseJson(value) : value;
    if (isObject(parsed)) return parsed;
    ctx.addIssue({
      code: 'custom',
      message: `${what} must be a JSON object or a JSON string of one`,
    });
    return z.NEVER;
  });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `POST /v1/exports/`; older clients also send `org_id` / `project_id`, which the key decides. */
export const exportCreateSchema = z.object({
  schema: objectOrJsonString('schema').pipe(boundedJsonObject()),
  filters: objectOrJsonString('filters').pipe(boundedFiltersObject()).optional(),
  export_instructions: z.string().max(20000).nullish(),
});

/** `POST /v1/exports/get/`: by id, or the latest export for the filters, or the latest. */
export const exportGetSchema = z.object({
  memory_export_id: z.string().min(1).max(64).nullish(),
  filters: objectOrJsonString('filters').pipe(boundedFiltersObject()).nullish(),
});

export const exportQueued =
  'Memory export request received. The export will be ready in a few seconds.';
export const exportNotFound = 'No memory export request found';

/**
 * What `POST /v1/exports/get/` answers: the exported value itself once built; while it is still
 * being built `{"id", "status":"PENDING", "message"}`; after a failure `{"id", "status":"FAILED",
 * "error"}`.
 */
export function toExportAnswer(found: MemoryExport): unknown {
  switch (found.status) {
    case 'SUCCEEDED':
      return found.result;
    case 'PENDING':
    case 'RUNNING':
      return {
        id: found.id,
        status: 'PENDING',
        message: 'The memory export is still being prepared. Try again in a few seconds.',
      };
    case 'FAILED':
      return { id: found.id, status: 'FAILED', error: found.error ?? 'The export failed.' };
  }
}
