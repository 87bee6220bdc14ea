import { createLogger } from '@mnemo/observability';
import { eventually } from '@mnemo/testing';
import { MemoryEventsOutbox } from './memory-events.outbox';
import { PublishRefusedError, type EventPublisher } from './memory-events.publisher';
import { OutboxRelay, type OutboxRelayOptions } from './outbox.relay';
import type { ClaimedBatch, ClaimOptions, OutboxStore } from './outbox.repository';

interface Row {
  id: string;
  subject: string;
  payload: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}

/** The outbox table in memory: claims return unsent rows in insertion (seq) order. */
class MemoryStore implements OutboxStore {
  readonly rows: Row[] = [];
  readonly claims: ClaimOptions[] = [];
  readonly prunes: Date[] = [];
  /** the ids of each markSent outside a claim */
  readonly marked: string[][] = [];
  /** holds a claim before it reads the rows */
  claimGate?: Promise<void>;

  add(id: string, createdAt = new Date()): void {
    this.rows.push({
      id,
      subject: `mnemo.memory.p.created.v1`,
      payload: JSON.stringify({ event_id: id }),
      createdAt,
      sentAt: null,
      attempts: 0,
      lastError: null,
    });
  }

  row(id: string): Row {
    const row = this.rows.find((candidate) => candidate.id === id);
    if (!row) throw new Error(`no row ${id}`);
    return row;
  }

  async claimBatch<T>(options: ClaimOptions, work: (batch: ClaimedBatch) => Promise<T>) {
    this.claims.push(options);
    if (this.claimGate) await this.claimGate;
    const rows = this.rows
      .filter((row) => row.sentAt === null)
      .filter((row) => !options.createdBefore || row.createdAt <= options.createdBefore)
      .slice(0, options.limit);
    return work({
      rows: rows.map(({ id, subject, payload }) => ({ id, subject, payload })),
      markSent: (ids) => {
        for (const id of ids) {
          const row = this.row(id);
          Object.assign(row, { sentAt: new Date(), attempts: row.attempts + 1 });
        }
        return Promise.resolve();
      },
      markFailed: (id, error, done) => {
        const row = this.row(id);
        Object.assign(row, {
          attempts: row.attempts + 1,
          lastError: error,
          sentAt: done ? new Date() : null,
        });
        return Promise.resolve();
      },
    });
  }

  markSent(ids: string[]): Promise<void> {
    this.marked.push(ids);
    for (const id of ids) {
      const row = this.row(id);
      Object.assign(row, { sentAt: new Date(), attempts: row.attempts + 1 });
    }
    return Promise.resolve();
  }

  pruneSent(sentBefore: Date): Promise<number> {
    this.prunes.push(sentBefore);
    return Promise.resolve(0);
  }
}

/** Records what reaches "NATS"; can fail, refuse or hold a publish. */
class RecordingPublisher implements EventPublisher {
  readonly published: { subject: string; payload: string; msgId: string; at: number }[] = [];
  attempts = 0;
  failures = 0;
  refused = new Set<string>();
  gate?: Promise<void>;

  async ensureStream(): Promise<void> {}

  async publish(subject: string, payload: string, msgId: string) {
    this.attempts += 1;
    if (this.gate) await this.gate;
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('TimeoutError: timeout');
    }
    if (this.refused.has(msgId)) throw new PublishRefusedError('max_payload size exceeded');
    this.published.push({ subject, payload, msgId, at: Date.now() });
    return { duplicate: false };
  }
}

const logger = createLogger({ service: 'vector-store', instanceId: 'spec', level: 'silent' });

describe(OutboxRelay.name, () => {
  let store: MemoryStore;
  let publisher: RecordingPublisher;
  let outbox: MemoryEventsOutbox;
  let relay: OutboxRelay;

  const startRelay = async (options: Partial<OutboxRelayOptions> = {}) => {
    relay = new OutboxRelay(store, publisher, outbox, logger, {
      pollMs: 60_000,
      batchSize: 10,
      relayDelayMs: 0,
      retentionMs: 3_600_000,
      maxBackoffMs: 100,
      ...options,
    });
    await relay.start();
  };

  beforeEach(() => {
    store = new MemoryStore();
    publisher = new RecordingPublisher();
    outbox = new MemoryEventsOutbox();
  });

  afterEach(async () => {
    await relay?.stop();
  });

  /** A write transaction that recorded these events commits. */
  const commit = (...ids: string[]) => {
    const createdAt = new Date();
    ids.forEach((id) => store.add(id, createdAt));
    outbox.committed(
      ids.map((id) => ({
        id,
        projectId: 'p',
        subject: 'mnemo.memory.p.created.v1',
        payload: { event_id: id } as never,
        createdAt,
      })),
    );
  };

  it('publishes pending rows in order with the row id as message id, then marks them sent', async () => {
    ['a', 'b', 'c'].forEach((id) => store.add(id));
    await startRelay({ batchSize: 2 });
    await eventually(() =>
      expect(publisher.published.map((p) => p.msgId)).toEqual(['a', 'b', 'c']),
    );
    expect(publisher.published[0]).toMatchObject({
      subject: 'mnemo.memory.p.created.v1',
      payload: '{"event_id":"a"}',
    });
    await eventually(() =>
      expect(store.rows.map((row) => [row.id, row.sentAt !== null, row.attempts])).toEqual([
        ['a', true, 1],
        ['b', true, 1],
        ['c', true, 1],
      ]),
    );
  });

  it('relays a commit at once, without waiting for the poll', async () => {
    await startRelay({ pollMs: 60_000 });
    commit('fresh');
    await eventually(() => expect(publisher.published.map((p) => p.msgId)).toEqual(['fresh']));
  });

  it('publishes the rows a commit hands over as they are, without a claim, and marks them sent at once', async () => {
    await startRelay();
    await eventually(() => expect(store.claims).toHaveLength(1));
    commit('x', 'y');
    await eventually(() => expect(store.marked).toEqual([['x', 'y']]));
    expect(publisher.published.map((p) => [p.msgId, p.payload])).toEqual([
      ['x', '{"event_id":"x"}'],
      ['y', '{"event_id":"y"}'],
    ]);
    expect(store.claims).toHaveLength(1);
    expect(store.rows.map((row) => [row.id, row.sentAt !== null, row.attempts])).toEqual([
      ['x', true, 1],
      ['y', true, 1],
    ]);
  });

  it('leaves handed-over rows to a claim after a failed publish, which sends them in order', async () => {
    await startRelay();
    await eventually(() => expect(store.claims).toHaveLength(1));
    publisher.failures = 1;
    commit('a', 'b');
    await eventually(() => expect(publisher.published.map((p) => p.msgId)).toEqual(['a', 'b']));
    expect(store.claims.length).toBeGreaterThanOrEqual(2);
    expect(store.marked).toEqual([]);
    expect(store.rows.every((row) => row.sentAt !== null)).toBe(true);
  });

  it('does not publish again a handed-over row that a claim has published', async () => {
    let open = () => {};
    store.claimGate = new Promise<void>((resolve) => (open = resolve));
    await startRelay();
    await eventually(() => expect(store.claims).toHaveLength(1));
    commit('x');
    open();
    await eventually(() => expect(store.row('x').sentAt).not.toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(publisher.attempts).toBe(1);
    expect(store.marked).toEqual([]);
  });

  it('claims rows nobody signalled once a poll period also while commits keep it busy', async () => {
    await startRelay({ pollMs: 100 });
    await eventually(() => expect(store.claims).toHaveLength(1));
    store.add('orphan');
    let n = 0;
    const load = setInterval(() => commit(`w${n++}`), 10);
    try {
      await eventually(() => expect(publisher.published.map((p) => p.msgId)).toContain('orphan'));
    } finally {
      clearInterval(load);
    }
    expect(n).toBeGreaterThan(3);
  });

  it('finds rows nobody signalled (a crashed instance) on the poll', async () => {
    await startRelay({ pollMs: 20 });
    store.add('orphan');
    await eventually(() => expect(publisher.published.map((p) => p.msgId)).toEqual(['orphan']));
  });

  it('holds a row back for the relay delay after its commit', async () => {
    await startRelay({ relayDelayMs: 300 });
    const createdAt = Date.now();
    commit('late');
    await eventually(() => expect(publisher.published).toHaveLength(1));
    expect(publisher.published[0].at - createdAt).toBeGreaterThanOrEqual(300);
    expect(store.claims.every((claim) => claim.createdBefore instanceof Date)).toBe(true);
  });

  it('backs off while NATS fails, then publishes each row once', async () => {
    publisher.failures = 3;
    store.add('a');
    store.add('b');
    await startRelay();
    await eventually(() => expect(publisher.published.map((p) => p.msgId)).toEqual(['a', 'b']));
    // Three failed tries of the head row, then one each: a failing relay stops its batch.
    expect(publisher.attempts).toBe(5);
    expect(store.row('a')).toMatchObject({
      attempts: 4,
      lastError: 'Error: TimeoutError: timeout',
    });
    expect(store.row('b')).toMatchObject({ attempts: 1, lastError: null });
  });

  it('marks a row NATS refuses as done with its error, and relays the rows behind it', async () => {
    ['a', 'huge', 'c'].forEach((id) => store.add(id));
    publisher.refused.add('huge');
    await startRelay();
    await eventually(() => expect(publisher.published.map((p) => p.msgId)).toEqual(['a', 'c']));
    expect(store.row('huge')).toMatchObject({
      attempts: 1,
      lastError: 'PublishRefusedError: max_payload size exceeded',
      sentAt: expect.any(Date),
    });
  });

  it('finishes the batch in flight when stopped, and takes no new one', async () => {
    ['a', 'b', 'c', 'd'].forEach((id) => store.add(id));
    let release = () => {};
    publisher.gate = new Promise<void>((resolve) => (release = resolve));
    await startRelay({ batchSize: 2 });
    await eventually(() => expect(publisher.attempts).toBe(1));
    let stopped = false;
    const stopping = relay.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(publisher.published.map((p) => p.msgId)).toEqual(['a', 'b']);
    expect(store.rows.filter((row) => row.sentAt !== null).map((row) => row.id)).toEqual([
      'a',
      'b',
    ]);
  });

  it('prunes rows sent before the retention period', async () => {
    const before = Date.now();
    await startRelay({ retentionMs: 3_600_000 });
    await eventually(() => expect(store.prunes).toHaveLength(1));
    const cutoff = store.prunes[0].getTime();
    expect(cutoff).toBeGreaterThanOrEqual(before - 3_600_000);
    expect(cutoff).toBeLessThanOrEqual(Date.now() - 3_600_000);
  });
});
