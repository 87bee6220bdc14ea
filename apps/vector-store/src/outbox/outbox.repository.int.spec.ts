import type { DataSource } from 'typeorm';
import { createLogger } from '@mnemo/observability';
import { eventually, memoryRecordFixture } from '@mnemo/testing';
import { openSpecDatabase, type SpecDatabase } from '../database/spec-database.fixture';
import { memoryCreatedEvents, type OutboxEvent } from './memory-event.builder';
import { MemoryEventsOutbox } from './memory-events.outbox';
import { OutboxRepository, type ClaimedBatch } from './outbox.repository';

const logger = createLogger({ service: 'vector-store', instanceId: 'spec', level: 'silent' });

function event(memoryId: string, at = new Date()): OutboxEvent {
  const [created] = memoryCreatedEvents(
    memoryRecordFixture(memoryId, 'alice', {
      projectId: 'default',
      hash: 'h',
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    }),
    { at },
  );
  return created;
}

describe(OutboxRepository.name, () => {
  let spec: SpecDatabase;
  let dataSource: DataSource;
  let repository: OutboxRepository;
  const outbox = new MemoryEventsOutbox();

  const write = (...events: OutboxEvent[]) =>
    dataSource.transaction((manager) => outbox.record(manager, events));
  const pendingIds = async () =>
    (
      await dataSource.query<{ id: string }[]>(
        'SELECT id FROM memory_outbox WHERE sent_at IS NULL ORDER BY seq',
      )
    ).map((row) => row.id);

  beforeAll(async () => {
    spec = await openSpecDatabase('mnemo_outbox_test');
    dataSource = spec.dataSource;
    repository = new OutboxRepository(dataSource, logger);
  });

  afterAll(() => spec?.drop());

  beforeEach(async () => {
    await dataSource.query('DELETE FROM memory_outbox');
  });

  it('hands two concurrent relays disjoint rows, in seq order', async () => {
    const events = ['m1', 'm2', 'm3'].map((id) => event(id));
    await write(...events);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let first: string[] = [];
    const firstClaim = repository.claimBatch({ limit: 2 }, async (batch) => {
      first = batch.rows.map((row) => row.id);
      await held;
      await batch.markSent(first);
    });
    await eventually(() => expect(first).toHaveLength(2));
    const second = await repository.claimBatch({ limit: 2 }, async (batch: ClaimedBatch) => {
      await batch.markSent(batch.rows.map((row) => row.id));
      return batch.rows.map((row) => row.id);
    });
    release();
    await firstClaim;
    expect(first).toEqual([events[0].id, events[1].id]);
    expect(second).toEqual([events[2].id]);
    expect(await pendingIds()).toEqual([]);
  });

  it('returns the stored payload as JSON text and never sees an uncommitted row', async () => {
    const committed = event('m1');
    await write(committed);
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction('READ COMMITTED');
    try {
      await outbox.record(runner.manager, [event('m2')]);
      const rows = await repository.claimBatch({ limit: 10 }, (batch) =>
        Promise.resolve(batch.rows),
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: committed.id, subject: committed.subject });
      expect(JSON.parse(rows[0].payload)).toEqual(committed.payload);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('skips rows created after the given instant', async () => {
    const old = event('m1', new Date(Date.now() - 10_000));
    const fresh = event('m2');
    await write(old, fresh);
    const ids = await repository.claimBatch(
      { limit: 10, createdBefore: new Date(Date.now() - 5_000) },
      (batch) => Promise.resolve(batch.rows.map((row) => row.id)),
    );
    expect(ids).toEqual([old.id]);
  });

  it('records failures, keeps failed rows pending unless done, and prunes old sent rows', async () => {
    const [retry, refused, sent] = ['m1', 'm2', 'm3'].map((id) => event(id));
    await write(retry, refused, sent);
    await repository.claimBatch({ limit: 10 }, async (batch) => {
      await batch.markFailed(retry.id, 'TimeoutError: timeout', false);
      await batch.markFailed(refused.id, 'x'.repeat(2000), true);
      await batch.markSent([sent.id]);
    });
    const rows = await dataSource.query<
      { id: string; attempts: number; last_error: string | null; sent: number }[]
    >(
      'SELECT id, attempts, last_error, sent_at IS NOT NULL AS sent FROM memory_outbox ORDER BY seq',
    );
    expect(
      rows.map((row) => [row.attempts, row.last_error?.length ?? 0, Number(row.sent)]),
    ).toEqual([
      [1, 21, 0],
      [1, 1024, 1],
      [1, 0, 1],
    ]);
    expect(await repository.pruneSent(new Date(Date.now() - 60_000), 100)).toBe(0);
    expect(await repository.pruneSent(new Date(Date.now() + 1_000), 100)).toBe(2);
    expect(await pendingIds()).toEqual([retry.id]);
  });
});
