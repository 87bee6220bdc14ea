import { RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { streams } from '@mnemo/contracts';
import { explainReplicaError, streamConfig } from './job-queue';

describe('streamConfig', () => {
  it('gives a stream the configured replicas', () => {
    expect(streamConfig(streams.addJobs, 3)).toEqual({
      name: 'MNEMO_ADD_JOBS',
      subjects: [...streams.addJobs.subjects],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      duplicate_window: 600_000_000_000,
      num_replicas: 3,
    });
    expect(streamConfig(streams.memoryWrites, 1).num_replicas).toBe(1);
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
