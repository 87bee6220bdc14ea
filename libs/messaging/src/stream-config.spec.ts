import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import { streams } from '@mnemo/contracts';
import { durableConsumerConfig, explainReplicaError, streamConfig } from './stream-config';

describe('streamConfig', () => {
  it('gives a job stream the configured replicas and a ten-minute duplicate window', () => {
    expect(streamConfig(streams.addJobs, 3)).toEqual({
      name: 'MNEMO_ADD_JOBS',
      subjects: [...streams.addJobs.subjects],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      duplicate_window: 600_000_000_000,
      num_replicas: 3,
    });
    expect(streamConfig(streams.memoryWrites, 1).num_replicas).toBe(1);
  });

  it('keeps memory events by age, with the configured duplicate window', () => {
    // What the vector-store created before the setup moved here: the same config leaves the
    // stream of a running deployment as it is.
    expect(
      streamConfig(streams.memoryEvents, 3, { maxAgeMs: 86_400_000, duplicateWindowMs: 120_000 }),
    ).toEqual({
      name: 'MNEMO_MEMORY_EVENTS',
      subjects: ['mnemo.memory.>'],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: 86_400_000_000_000,
      duplicate_window: 120_000_000_000,
      num_replicas: 3,
    });
  });
});

describe('durableConsumerConfig', () => {
  it("is the webhook dispatcher's consumer as it was: every message, no delivery limit", () => {
    expect(
      durableConsumerConfig({
        durable: 'webhook-dispatcher',
        filterSubject: 'mnemo.memory.>',
        ackWaitMs: 30_000,
        maxAckPending: 1000,
      }),
    ).toEqual({
      durable_name: 'webhook-dispatcher',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: 'mnemo.memory.>',
      ack_wait: 30_000_000_000,
      max_ack_pending: 1000,
    });
  });

  it('limits the deliveries when asked', () => {
    const config = durableConsumerConfig({
      durable: 'spec',
      filterSubject: 'spec.v1',
      ackWaitMs: 60_000,
      maxAckPending: 10,
      maxDeliver: 6,
    });
    expect(config.max_deliver).toBe(6);
  });
});

describe('explainReplicaError', () => {
  it('names the setting when the server cannot place the replicas', () => {
    const err = explainReplicaError(
      new Error('replicas > 1 not supported in non-clustered mode'),
      3,
      'the stream S',
    );
    expect((err as Error).message).toMatch(
      /^Cannot create the stream S with 3 replicas \(MNEMO_JETSTREAM_REPLICAS=3\): the NATS server answered "replicas > 1 not supported in non-clustered mode"/,
    );
  });

  it('leaves other errors as they are', () => {
    const original = new Error('permissions violation');
    expect(explainReplicaError(original, 3, 'the stream S')).toBe(original);
    const single = new Error('insufficient resources');
    expect(explainReplicaError(single, 1, 'the stream S')).toBe(single);
  });
});
