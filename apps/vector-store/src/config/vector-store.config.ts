import { z } from 'zod';
import { baseConfigSchema, databaseConfigSchema } from '@mnemo/config';

const hour = 3_600_000;

/** HNSW neighbours re-scored by default; the benchmarks measure with the same. */
export const DEFAULT_ANN_CANDIDATES = 100;

export const vectorStoreConfigSchema = baseConfigSchema
  .extend({
    ...databaseConfigSchema.shape,
    /** write commands taken from the stream at once: applying, or queued for the next group commit */
    MNEMO_WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(256),
    /** writes applied in one group-commit transaction at most */
    MNEMO_WRITE_GROUP_MAX: z.coerce.number().int().min(1).max(1000).default(128),
    /** bytes (texts, vectors, metadata) of one group commit at most; a larger write goes alone */
    MNEMO_WRITE_GROUP_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(8 * 1024 * 1024),
    MNEMO_WRITE_MAX_DELIVER: z.coerce.number().int().min(1).max(100).default(8),
    MNEMO_SEARCH_CANDIDATE_LIMIT: z.coerce.number().int().min(100).default(100000),
    /** budget of the in-memory search index; least recently searched scopes are evicted past it */
    MNEMO_INDEX_MEMORY_MB: z.coerce.number().min(0.01).max(1_048_576).default(512),
    /** a scope of at least this many memories gets an HNSW graph (approximate candidates) */
    MNEMO_SEARCH_ANN_MIN_MEMORIES: z.coerce.number().int().min(1).default(20_000),
    /** HNSW neighbours re-scored exactly per search (and the graph's search beam) */
    MNEMO_SEARCH_ANN_CANDIDATES: z.coerce
      .number()
      .int()
      .min(10)
      .max(10_000)
      .default(DEFAULT_ANN_CANDIDATES),
    MNEMO_SEARCH_FUSION: z.enum(['minmax', 'mem0']).default('minmax'),
    MNEMO_SEARCH_SEMANTIC_WEIGHT: z.coerce.number().min(0).max(10).default(0.5),
    MNEMO_SEARCH_KEYWORD_WEIGHT: z.coerce.number().min(0).max(10).default(0.5),
    /** reads (search, list, get...) running at once; a project alone may use them all */
    MNEMO_READ_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    /** reads of one project running at once while another project is reading */
    MNEMO_READ_CONCURRENCY_PER_PROJECT: z.coerce.number().int().min(1).max(256).default(1),
    /** reads of one project waiting for a slot; more answer 429 at once */
    MNEMO_READ_QUEUE_PER_PROJECT: z.coerce.number().int().min(0).max(10_000).default(512),
    MNEMO_OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1000),
    MNEMO_OUTBOX_BATCH: z.coerce.number().int().min(1).max(1000).default(100),
    MNEMO_OUTBOX_RELAY_DELAY_MS: z.coerce.number().int().min(0).default(0),
    MNEMO_OUTBOX_MAX_BACKOFF_MS: z.coerce.number().int().min(100).default(30_000),
    MNEMO_OUTBOX_RETENTION_MS: z.coerce
      .number()
      .int()
      .min(0)
      .default(24 * hour),
    MNEMO_OUTBOX_PUBLISH_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
    MNEMO_EVENTS_MAX_AGE_MS: z.coerce
      .number()
      .int()
      .min(60_000)
      .default(7 * 24 * hour),
    MNEMO_EVENTS_DUPLICATE_WINDOW_MS: z.coerce.number().int().min(1000).default(hour),
    /** deprecated: MNEMO_JETSTREAM_REPLICAS; when still set it decides the events stream alone */
    MNEMO_EVENTS_REPLICAS: z.coerce.number().int().min(1).max(5).optional(),
  })
  .superRefine((config, ctx) => {
    // A republished event is deduplicated only inside the window: it must outlast any retry.
    const retryHorizon =
      2 *
      (Math.max(config.MNEMO_OUTBOX_POLL_MS, config.MNEMO_OUTBOX_MAX_BACKOFF_MS) +
        config.MNEMO_OUTBOX_PUBLISH_TIMEOUT_MS);
    if (config.MNEMO_EVENTS_DUPLICATE_WINDOW_MS < retryHorizon) {
      ctx.addIssue({
        code: 'custom',
        path: ['MNEMO_EVENTS_DUPLICATE_WINDOW_MS'],
        message: `must be at least ${retryHorizon} ms, twice the relay's retry horizon`,
      });
    }
    if (config.MNEMO_EVENTS_DUPLICATE_WINDOW_MS > config.MNEMO_EVENTS_MAX_AGE_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['MNEMO_EVENTS_DUPLICATE_WINDOW_MS'],
        message: 'must not exceed MNEMO_EVENTS_MAX_AGE_MS',
      });
    }
  });

export type VectorStoreConfig = z.output<typeof vectorStoreConfigSchema>;
