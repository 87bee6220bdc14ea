import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type StreamConfig,
} from '@nats-io/jetstream';
import type { StreamDefinition } from '@mnemo/contracts';

const nanos = (ms: number) => ms * 1_000_000;

/** The window in which a repeated `Nats-Msg-Id` is stored once, unless a stream sets its own. */
const defaultDuplicateWindowMs = 10 * 60 * 1000;

/** What a service configures of a stream beyond its contract. */
export interface StreamLimits {
  /** how long a message is kept; for as long as the stream lasts when unset */
  maxAgeMs?: number;
  /** the window in which a repeated `Nats-Msg-Id` is stored once */
  duplicateWindowMs?: number;
}

/**
 * The JetStream configuration of one of Mnemo's streams (libs/contracts `streams`), with the
 * configured replica count (MNEMO_JETSTREAM_REPLICAS).
 */
export function streamConfig(
  stream: StreamDefinition,
  replicas: number,
  limits: StreamLimits = {},
): Partial<StreamConfig> & { name: string } {
  return {
    name: stream.name,
    subjects: [...stream.subjects],
    retention:
      stream.retention === 'workqueue' ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    ...(limits.maxAgeMs === undefined ? {} : { max_age: nanos(limits.maxAgeMs) }),
    duplicate_window: nanos(limits.duplicateWindowMs ?? defaultDuplicateWindowMs),
    num_replicas: replicas,
  };
}

/** A durable pull consumer of one subject, whose reader acknowledges every message itself. */
export interface DurableConsumerOptions {
  durable: string;
  filterSubject: string;
  /** how long a delivered message may stay unacknowledged before it is delivered again */
  ackWaitMs: number;
  /** messages delivered and not yet acknowledged, over every instance */
  maxAckPending: number;
  /** deliveries after which JetStream stops delivering a message; no limit when unset */
  maxDeliver?: number;
}

export function durableConsumerConfig(
  options: DurableConsumerOptions,
): Partial<ConsumerConfig> & { durable_name: string } {
  return {
    durable_name: options.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: options.filterSubject,
    ack_wait: nanos(options.ackWaitMs),
    max_ack_pending: options.maxAckPending,
    ...(options.maxDeliver === undefined ? {} : { max_deliver: options.maxDeliver }),
  };
}

/** A server that cannot place the replicas asked for says so in its own terms; name the setting. */
export function explainReplicaError(err: unknown, replicas: number, what: string): unknown {
  const message = err instanceof Error ? err.message : String(err);
  if (replicas <= 1 || !/replica|insufficient resources|clustered|no suitable peers/i.test(message))
    return err;
  return new Error(
    `Cannot create ${what} with ${replicas} replicas (MNEMO_JETSTREAM_REPLICAS=${replicas}): ` +
      `the NATS server answered "${message}". Run a NATS cluster of at least ${replicas} ` +
      `JetStream nodes or lower MNEMO_JETSTREAM_REPLICAS.`,
    { cause: err },
  );
}
