import type { DataSource } from 'typeorm';
import { encodeVector, type MemoryWriteCommand, type WriteOp } from '@mnemo/contracts';
import type { EmbedderClient } from '@mnemo/clients';
import { loadConfig } from '@mnemo/config';
import { createMetrics } from '@mnemo/observability';
import { eventually } from '@mnemo/testing';
import { vectorStoreConfigSchema } from '../config/vector-store.config';
import { openSpecDatabase, type SpecDatabase } from '../database/spec-database.fixture';
import { MemoryVersionsRepository } from '../memories/memory-versions.repository';
import { MemoryWritesRepository } from '../memories/memory-writes.repository';
import { MemoryEventsOutbox } from '../outbox/memory-events.outbox';
import { IndexFreshness } from '../search-index/index-freshness';
import { SearchIndex } from '../search-index/search-index';
import { MemoryWritesService } from './memory-writes.service';
import { WriteBatchApplier } from './write-batch.applier';
import { WriteGroupCommitter } from './write-group.committer';
import { WriteGroupMetrics } from './write-group.metrics';

const vector = (seed: number) => encodeVector(Float32Array.of(seed, 0.5, -0.25, 1));
let eventSeq = 0;
const command = (ops: WriteOp[], extra: Partial<MemoryWriteCommand> = {}): MemoryWriteCommand => ({
  eventId: `e-${(eventSeq += 1)}`,
  projectId: 'p1',
  occurredAt: new Date().toISOString(),
  scope: { userId: 'alice' },
  metadata: {},
  embeddingModel: 'carried-model',
  ops,
  ...extra,
});
const add = (text: string, seed = 1, extra: Partial<WriteOp> = {}): WriteOp =>
  ({ op: 'ADD', text, vector: vector(seed), ...extra }) as WriteOp;

describe(WriteGroupCommitter.name, () => {
  let spec: SpecDatabase;
  let dataSource: DataSource;
  let writes: MemoryWritesService;
  let metrics: () => Promise<{ groups: number; grouped: number; fallbacks: number }>;
  const count = async (table: string) =>
    Number((await dataSource.query<{ n: string }[]>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const version = async () =>
    Number(
      (await dataSource.query<{ v: string }[]>(`SELECT version AS v FROM memory_versions`))[0]?.v ??
        0,
    );

  /** One vector-store's write path over the spec database, with its own metrics. */
  const node = (
    env: Record<string, string> = {},
    // Every op of most tests carries its vector: the embedder must not be asked.
    embedder = {
      embedDocuments: () => Promise.reject(new Error('the embedder was called')),
    } as unknown as EmbedderClient,
  ) => {
    const config = loadConfig(vectorStoreConfigSchema, env);
    const metrics = createMetrics('vector-store', 'spec');
    const repository = new MemoryWritesRepository(dataSource);
    const freshness = new IndexFreshness(
      new MemoryVersionsRepository(dataSource),
      new SearchIndex(config),
    );
    const committer = new WriteGroupCommitter(
      new WriteBatchApplier(repository, new MemoryEventsOutbox(), freshness),
      repository,
      embedder,
      new WriteGroupMetrics(metrics),
      config,
    );
    const readMetrics = async () => {
      const json = await metrics.registry.getMetricsAsJSON();
      const values = (name: string) => json.find((metric) => metric.name === name)?.values ?? [];
      const sizes = values('mnemo_write_group_commit_size');
      const valueOf = (suffix: string) =>
        Number(
          sizes.find(
            (v) =>
              (v as { metricName?: string }).metricName ===
              `mnemo_write_group_commit_size_${suffix}`,
          )?.value,
        );
      return {
        groups: valueOf('count'),
        grouped: valueOf('sum'),
        fallbacks: Number(values('mnemo_write_group_fallbacks_total')[0]?.value ?? 0),
      };
    };
    return { writes: new MemoryWritesService(committer, repository), metrics: readMetrics };
  };

  beforeAll(async () => {
    spec = await openSpecDatabase('mnemo_group_commit_test');
    dataSource = spec.dataSource;
    ({ writes, metrics } = node());
  });

  afterAll(() => spec?.drop());

  beforeEach(async () => {
    for (const table of [
      'memories',
      'memory_history',
      'memory_outbox',
      'applied_writes',
      'memory_versions',
    ]) {
      await dataSource.query(`DELETE FROM ${table}`);
    }
  });

  it('commits a mixed group in one transaction: a duplicate changes nothing, an invalid write fails alone', async () => {
    const before = await metrics();
    const outcomes = await Promise.allSettled([
      writes.apply(command([add('Likes tea'), add('Likes coffee', 2)])),
      writes.apply(command([add('Likes tea', 3)])),
      writes.apply(command([add('Likes jazz', 4)], { embeddingModel: undefined })),
      writes.apply(command([add('Lives in Hangzhou', 5)], { scope: { userId: 'bob' } })),
    ]);
    expect(
      outcomes.map((o) => (o.status === 'fulfilled' ? o.value.map((r) => r.memory) : o.reason)),
    ).toEqual([
      ['Likes tea', 'Likes coffee'],
      [],
      expect.objectContaining({ code: 'validation_failed' }),
      ['Lives in Hangzhou'],
    ]);
    // The invalid write fails before the transaction: three writes share it.
    expect(await metrics()).toEqual({
      groups: before.groups + 1,
      grouped: before.grouped + 3,
      fallbacks: before.fallbacks,
    });
    expect(await count('memories')).toBe(3);
    expect(await count('memory_history')).toBe(3);
    expect(await count('memory_outbox')).toBe(3);
    expect(await count('applied_writes')).toBe(3);
    expect(await version()).toBe(1);
  });

  it('applies the others one by one when a write fails inside the transaction', async () => {
    const before = await metrics();
    const outcomes = await Promise.allSettled([
      writes.apply(command([add('Likes tea')])),
      writes.apply(command([add('Likes chess', 2, { actorId: 'x'.repeat(300) })])),
      writes.apply(command([add('Likes coffee', 3)])),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await metrics()).fallbacks).toBe(before.fallbacks + 1);
    const texts = await dataSource.query<{ memory: string }[]>(
      'SELECT memory FROM memories ORDER BY memory',
    );
    expect(texts.map((row) => row.memory)).toEqual(['Likes coffee', 'Likes tea']);
    expect(await count('memory_history')).toBe(2);
    expect(await count('memory_outbox')).toBe(2);
  });

  it('applies a command once when it comes twice in one group and again in a later one', async () => {
    const twice = command([add('Likes tea'), add('Likes coffee', 2)]);
    const [first, second] = await Promise.all([writes.apply(twice), writes.apply({ ...twice })]);
    expect(second).toEqual(first);
    expect(await writes.apply({ ...twice })).toEqual(first);
    expect(first.map((r) => r.event)).toEqual(['ADD', 'ADD']);
    expect(await count('memories')).toBe(2);
    expect(await count('memory_history')).toBe(2);
    expect(await count('memory_outbox')).toBe(2);
    expect(await count('applied_writes')).toBe(1);
  });

  it('stores a carried vector byte for byte with the command model', async () => {
    const sent = encodeVector(Float32Array.of(0.1, -0.2, 0.3, Math.PI));
    const [result] = await writes.apply(command([add('Likes tea', 0, { vector: sent })]));
    const [row] = await dataSource.query<{ embedding: Buffer; embedding_model: string }[]>(
      'SELECT embedding, embedding_model FROM memories WHERE id = ?',
      [result.id],
    );
    expect(row.embedding.toString('base64')).toBe(sent);
    expect(row.embedding_model).toBe('carried-model');
  });

  it('keeps the order writes came in: later updates of one memory win, each with its history row', async () => {
    const [added] = await writes.apply(command([add('Lives in Hangzhou')]));
    const update = (text: string, seed: number): WriteOp => ({
      op: 'UPDATE',
      memoryId: added.id,
      text,
      vector: vector(seed),
    });
    await Promise.all([
      writes.apply(command([update('Lives in Shanghai', 2)])),
      writes.apply(command([update('Lives in Beijing', 3)])),
    ]);
    const history = await dataSource.query<{ event: string; new_memory: string }[]>(
      'SELECT event, new_memory FROM memory_history ORDER BY created_at, event',
    );
    expect(history.map((row) => row.new_memory)).toEqual([
      'Lives in Hangzhou',
      'Lives in Shanghai',
      'Lives in Beijing',
    ]);
    const [row] = await dataSource.query<{ memory: string }[]>('SELECT memory FROM memories');
    expect(row.memory).toBe('Lives in Beijing');
  });

  it('cuts groups at MNEMO_WRITE_GROUP_MAX writes and at MNEMO_WRITE_GROUP_MAX_BYTES', async () => {
    const bySize = node({ MNEMO_WRITE_GROUP_MAX: '2' });
    await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((t, i) => bySize.writes.apply(command([add(`Likes ${t}`, i)]))),
    );
    expect(await bySize.metrics()).toEqual({ groups: 3, grouped: 5, fallbacks: 0 });
    // Each of these writes is over half the byte cap: every one commits alone.
    const byBytes = node({ MNEMO_WRITE_GROUP_MAX_BYTES: '1024' });
    const long = (t: string) => `Likes ${t} ${'very '.repeat(60)}much`;
    await Promise.all(
      ['f', 'g', 'h'].map((t, i) => byBytes.writes.apply(command([add(long(t), i)]))),
    );
    expect(await byBytes.metrics()).toEqual({ groups: 3, grouped: 3, fallbacks: 0 });
    expect(await count('memories')).toBe(8);
  });

  it('embeds the next writes while the writes before them wait for their transaction', async () => {
    const asked: string[] = [];
    const embedder = {
      embedDocuments: (texts: string[]) => {
        asked.push(...texts);
        return Promise.resolve({
          model: 'embed-model',
          vectors: texts.map((_, i) => Float32Array.of(i + 1, 0.5, -0.25, 1)),
        });
      },
    } as unknown as EmbedderClient;
    const pipelined = node({}, embedder).writes;
    const plain = (text: string) => add(text, 0, { vector: undefined });
    await pipelined.apply(command([plain('Likes tea')], { embeddingModel: undefined }));
    // Another connection holds the project's version row: the next transaction waits for it.
    const holder = dataSource.createQueryRunner();
    await holder.startTransaction();
    await holder.query('SELECT version FROM memory_versions FOR UPDATE');
    try {
      const first = pipelined.apply(
        command([plain('Likes coffee')], { embeddingModel: undefined }),
      );
      await eventually(() => expect(asked).toContain('Likes coffee'));
      const second = pipelined.apply(command([plain('Likes jazz')], { embeddingModel: undefined }));
      await eventually(() => expect(asked).toContain('Likes jazz'));
      expect(await count('memories')).toBe(1);
      await holder.commitTransaction();
      await expect(first).resolves.toHaveLength(1);
      await expect(second).resolves.toHaveLength(1);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await count('memories')).toBe(3);
    expect(await version()).toBe(3);
  });
});
