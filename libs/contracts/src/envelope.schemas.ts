import { z } from 'zod';
import { errorCodes } from './errors';

/** Every job, command and event carries these, so handlers can be idempotent on eventId. */
export const envelopeSchema = z.object({
  eventId: z.string().min(1),
  occurredAt: z.string(),
  projectId: z.string().min(1),
  requestId: z.string().optional(),
});

export const errorBodySchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  retryable: z.boolean(),
  details: z.unknown().optional(),
});

/** What every request-reply responder answers. */
export const replyEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorBodySchema }),
]);
export type ReplyEnvelope = z.infer<typeof replyEnvelopeSchema>;

/** Header names carried on every bus message. */
export const busHeaders = {
  requestId: 'mnemo-request-id',
  projectId: 'mnemo-project-id',
  /** the caller's remaining time budget in ms, so a responder can stop work nobody awaits */
  timeoutMs: 'mnemo-timeout-ms',
} as const;
