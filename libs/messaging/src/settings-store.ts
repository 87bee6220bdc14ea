import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { ensureStream, retryTransient } from './jetstream-setup';
import { explainReplicaError } from './stream-config';

/** How a bucket keeps its entries, beyond its replicas. */
export interface BucketOptions {
  /** values kept per key (default 5) */
  history?: number;
  /** entries older than this are removed; kept for ever when unset */
  ttlMs?: number;
}

/**
 * Small JSON documents shared by every instance (runtime settings, the extractor's finished add
 * jobs), kept in a JetStream KV bucket.
 */
export class SettingsStore {
  private constructor(private readonly kv: KV) {}

  /** `replicas` is MNEMO_JETSTREAM_REPLICAS (NatsBus.jetStreamReplicas). */
  static async open(
    nc: NatsConnection,
    replicas = 1,
    bucket = 'mnemo-settings',
    options: BucketOptions = {},
  ): Promise<SettingsStore> {
    try {
      const kv = await retryTransient(`opening the KV bucket ${bucket}`, () =>
        new Kvm(nc).create(bucket, {
          history: options.history ?? 5,
          replicas,
          ...(options.ttlMs === undefined ? {} : { ttl: options.ttlMs }),
        }),
      );
      await matchReplicas(nc, `KV_${bucket}`, replicas);
      return new SettingsStore(kv);
    } catch (err) {
      throw explainReplicaError(err, replicas, `the KV bucket ${bucket}`);
    }
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = await this.kv.get(key);
    if (!entry || entry.operation !== 'PUT' || entry.length === 0) return undefined;
    return entry.json<T>();
  }

  async put(key: string, value: unknown): Promise<void> {
    await this.kv.put(key, JSON.stringify(value));
  }
}

/** Opening a bucket leaves an existing one as it is; a changed replica count must be applied. */
async function matchReplicas(nc: NatsConnection, stream: string, replicas: number): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await ensureStream(jsm, { name: stream, num_replicas: replicas });
}
