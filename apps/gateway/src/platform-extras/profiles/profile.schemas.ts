import { z } from 'zod';
import { boundedJsonObject, DomainError, entityIdSchema } from '@mnemo/contracts';

export const profileJobCreateSchema = z.discriminatedUnion(
  'operation',
  [
    z.object({
      operation: z.literal('trigger'),
      entity_type: z.literal('user', { error: 'entity_type must be "user"' }),
      entity_id: z.string({ error: 'entity_id is required' }).pipe(entityIdSchema),
    }),
    z.object({
      operation: z.literal('sample'),
      entity_type: z.literal('user', { error: 'entity_type must be "user"' }),
      limit: z.number().int().min(1).max(100).nullish(),
    }),
  ],
  { error: 'operation must be "trigger" or "sample"' },
);

/** The optional `Idempotency-Key` header: at most 255 characters; empty counts as absent. */
export function idempotencyKeyFrom(header: string | undefined): string | undefined {
  const key = header?.trim();
  if (!key) return undefined;
  if (key.length > 255) {
    throw new DomainError('validation_failed', 'Idempotency-Key must be at most 255 characters');
  }
  return key;
}

const userSettingsSchema = z.strictObject({
  schema: boundedJsonObject().nullish(),
  custom_instructions: z.string().max(20000).nullish(),
});

const settingsKeys = new Set(['enabled', 'entities']);
const entityTypes = new Set(['user']);

/** `POST /v2/profiles/settings/`: `schema` and `custom_instructions` live under `entities.user`. */
export const profileSettingsUpdateSchema = z.object({
  enabled: z.boolean().optional(),
  entities: z.object({ user: userSettingsSchema.optional() }).optional(),
});

/** Refuses what the Platform refuses: flat per-entity settings and unknown entity types. */
export function rejectUnsupportedSettings(raw: unknown): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
  const unknown = Object.keys(raw).filter((key) => !settingsKeys.has(key));
  if (unknown.length > 0) {
    throw new DomainError('validation_failed', `Unsupported settings: ${unknown.join(', ')}`);
  }
  const entities = (raw as { entities?: unknown }).entities;
  if (typeof entities !== 'object' || entities === null) return;
  const others = Object.keys(entities).filter((key) => !entityTypes.has(key));
  if (others.length > 0) {
    throw new DomainError('validation_failed', `Unsupported entity types: ${others.join(', ')}`);
  }
}
