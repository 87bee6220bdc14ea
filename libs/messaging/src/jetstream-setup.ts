import { setTimeout as delay } from 'node:timers/promises';
import type { ConsumerConfig, JetStreamManager, StreamConfig } from '@nats-io/jetstream';

/**
 * Creating streams and consumers at start, the same way in every service. On a NATS cluster the
 * JetStream API answers only once a meta leader is elected, and instances starting together
 * create the same objects at once: such requests time out or answer 503 for a while. They are
 * retried with backoff instead of failing the start; any other error (a bad config, too few
 * nodes for the replicas) fails at once.
 */
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000, 4000];

export function isTransientJetStreamError(err: unknown): boolean {
  const text = err instanceof Error ? `${err.name} ${err.message}` : String(err);
  return /timeout|no responders|temporarily unavailable|503|leader|not current|cluster not ready/i.test(
    text,
  );
}

export async function retryTransient<T>(
  what: string,
  action: () => Promise<T>,
  delaysMs: readonly number[] = RETRY_DELAYS_MS,
  transient: (err: unknown) => boolean = isTransientJetStreamError,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await action();
    } catch (err) {
      const wait = delaysMs[attempt];
      if (wait === undefined || !transient(err)) {
        throw attempt === 0 ? err : withAttempts(err, what, attempt + 1);
      }
      await delay(wait);
    }
  }
}

type StreamSettings = Partial<StreamConfig> & { name: string };

/**
 * Creates a stream, or brings an existing one to `config`. An existing stream that already has
 * these settings is left alone, so N instances starting together send one update at most.
 */
export function ensureStream(jsm: JetStreamManager, config: StreamSettings): Promise<void> {
  return retryTransient(`setting up the stream ${config.name}`, async () => {
    const existing = await jsm.streams.info(config.name).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    if (!existing) {
      await jsm.streams.add(config).catch(async (addErr: unknown) => {
        // Another instance created it first.
        if (!(await exists(() => jsm.streams.info(config.name)))) throw addErr;
      });
      return;
    }
    if (!matches(existing.config, config)) {
      const { name, ...changes } = config;
      await jsm.streams.update(name, changes);
    }
  });
}

type ConsumerSettings = Partial<ConsumerConfig> & { durable_name: string };

/** Creates a durable consumer, or brings an existing one to `config`. */
export function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: ConsumerSettings,
): Promise<void> {
  return retryTransient(`setting up the consumer ${config.durable_name}`, async () => {
    const existing = await jsm.consumers.info(stream, config.durable_name).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
    if (!existing) {
      await jsm.consumers.add(stream, config).catch(async (addErr: unknown) => {
        if (!(await exists(() => jsm.consumers.info(stream, config.durable_name)))) throw addErr;
      });
      return;
    }
    if (!matches(existing.config, config)) {
      await jsm.consumers.update(stream, config.durable_name, config);
    }
  });
}

export function isNotFound(err: unknown): boolean {
  return err instanceof Error && /not found/i.test(err.message);
}

function matches(current: object, wanted: object): boolean {
  const now = current as Record<string, unknown>;
  return Object.entries(wanted).every(
    ([key, value]) => JSON.stringify(now[key]) === JSON.stringify(value),
  );
}

async function exists(info: () => Promise<unknown>): Promise<boolean> {
  try {
    await info();
    return true;
  } catch {
    return false;
  }
}

function withAttempts(err: unknown, what: string, attempts: number): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new Error(`${what} failed after ${attempts} attempts: ${message}`, { cause: err });
}
