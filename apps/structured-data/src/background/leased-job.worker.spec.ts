import { DomainError } from '@mnemo/contracts';
import type { Logger } from '@mnemo/observability';
import type { JobKey } from './job-leases';
import { LeasedJobWorker, type JobLeaseStore, type LeasedJobHandler } from './leased-job.worker';

class FakeLeases implements JobLeaseStore {
  attempts = new Map<string, number>();
  claimable = new Set<string>();
  released: { id: string; delayMs: number; error: string }[] = [];
  due: JobKey[] = [];

  claim(key: JobKey): Promise<number | undefined> {
    if (!this.claimable.delete(key.id)) return Promise.resolve(undefined);
    const attempt = (this.attempts.get(key.id) ?? 0) + 1;
    this.attempts.set(key.id, attempt);
    return Promise.resolve(attempt);
  }

  dueJobs(limit: number): Promise<JobKey[]> {
    return Promise.resolve(this.due.splice(0, limit));
  }

  release(key: JobKey, retryAt: Date, error: string): Promise<void> {
    this.released.push({ id: key.id, delayMs: retryAt.getTime() - Date.now(), error });
    return Promise.resolve();
  }
}

class RecordingHandler implements LeasedJobHandler {
  runs: [string, number][] = [];
  failures: [string, string][] = [];

  constructor(private readonly outcome: (attempt: number) => Promise<void>) {}

  run(key: JobKey, attempt: number): Promise<void> {
    this.runs.push([key.id, attempt]);
    return this.outcome(attempt);
  }

  fail(key: JobKey, error: string): Promise<void> {
    this.failures.push([key.id, error]);
    return Promise.resolve();
  }
}

const logger = { warn: jest.fn(), error: jest.fn() } as unknown as Logger;
const options = { name: 'test', leaseMs: 1000, sweepMs: 60000, maxAttempts: 3, concurrency: 2 };
const key = { projectId: 'p1', id: 'job-1' };

function setup(outcome: (attempt: number) => Promise<void>) {
  const leases = new FakeLeases();
  const handler = new RecordingHandler(outcome);
  return { leases, handler, worker: new LeasedJobWorker(leases, handler, options, logger) };
}

describe(LeasedJobWorker.name, () => {
  it('runs a kicked job once it is claimed, and not when another instance holds it', async () => {
    const { leases, handler, worker } = setup(() => Promise.resolve());
    await worker.kick(key);
    leases.claimable.add('job-2');
    await worker.kick({ projectId: 'p1', id: 'job-2' });
    await worker.stop();
    expect(handler.runs).toEqual([['job-2', 1]]);
  });

  it('puts a job failing with a retryable error back with a growing delay', async () => {
    const { leases, handler, worker } = setup(() =>
      Promise.reject(new DomainError('unavailable', 'vector-store down', true)),
    );
    leases.claimable.add(key.id);
    await worker.kick(key);
    expect(leases.released).toHaveLength(1);
    expect(leases.released[0]).toMatchObject({ id: key.id, error: 'vector-store down' });
    expect(leases.released[0].delayMs).toBeGreaterThan(1500);
    expect(handler.failures).toEqual([]);
    await worker.stop();
  });

  it('fails a job at once on a non-retryable error, and after the last attempt otherwise', async () => {
    const { leases, handler, worker } = setup((attempt) =>
      Promise.reject(
        attempt < 3 ? new Error(`boom ${attempt}`) : new DomainError('validation_failed', 'bad'),
      ),
    );
    for (const attempt of [1, 2, 3]) {
      leases.claimable.add(key.id);
      await worker.kick(key);
      expect(handler.runs).toHaveLength(attempt);
    }
    await worker.stop();
    expect(leases.released.map((entry) => entry.error)).toEqual(['boom 1', 'boom 2']);
    expect(handler.failures).toEqual([[key.id, 'bad']]);
  });

  it('sweeps due jobs up to its free slots', async () => {
    const { leases, handler, worker } = setup(() => Promise.resolve());
    leases.due = ['a', 'b', 'c'].map((id) => ({ projectId: 'p1', id }));
    ['a', 'b', 'c'].forEach((id) => leases.claimable.add(id));
    await worker.sweep();
    await worker.stop();
    expect(handler.runs).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(leases.due).toEqual([{ projectId: 'p1', id: 'c' }]);
  });
});
