import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { explainReplicaError } from './job-queue';

/** Small JSON documents shared by every instance (runtime settings), kept in a JetStream KV bucket. */
export class SettingsStore {
  private constructor(private readonly kv: KV) {}

  /** `replicas` is MNEMO_JETSTREAM_REPLICAS (NatsBus.jetStreamReplicas). */
  static async open(
    nc: NatsConnection,
    replicas = 1,
    bucket = 'mnemo-settings',
  ): Promise<SettingsStore> {
    try {
      return new SettingsStore(await new Kvm(nc).create(bucket, { history: 5, replicas }));
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
