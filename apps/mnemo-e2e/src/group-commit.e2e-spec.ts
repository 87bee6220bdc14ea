import { randomUUID } from 'node:crypto';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  applyWriteContract,
  encodeVector,
  replyEnvelopeSchema,
  type RequestOf,
  type WriteOp,
} from '@mnemo/contracts';
import {
  eventually,
  FakeOpenAiServer,
  natsServers,
  startMnemo,
  type MnemoStack,
} from '@mnemo/testing';
import { http } from './http';

jest.setTimeout(300_000);

const model = 'text-embedding-3-small';
const dims = 1536;
const burst = 2000;

/** A vector no embedder would give for these texts, so storing it as sent is visible. */
const carriedVector = (seed: number) =>
  encodeVector(Float32Array.from({ length: dims }, (_, i) => Math.sin(seed * 31 + i) / 8));

describe('Group commit of writes through the real services', () => {
  let mnemo: MnemoStack;
  let llm: FakeOpenAiServer;
  let nc: NatsConnection;
  let db: Connection;
  const rows = async <T>(sql: string, params: unknown[] = []) =>
    (await db.query<RowDataPacket[]>(sql, params))[0] as T[];
  const embeddedTexts = () =>
    llm.requests
      .filter((request) => request.path.endsWith('/embeddings'))
      .flatMap((request) => (request.body as { input: string[] }).input);

  beforeAll(async () => {
    llm = await FakeOpenAiServer.start({ apiKey: 'sk-e2e' });
    mnemo = await startMnemo({
      services: ['gateway', 'embedder', 'vector-store'],
      env: {
        OPENAI_API_KEY: 'sk-e2e',
        OPENAI_BASE_URL: llm.baseURL,
        MNEMO_EMBEDDER_PROVIDER: 'openai',
        MNEMO_LLM_PROVIDER: 'local',
        MNEMO_SYNC_ADD_TIMEOUT_MS: '20000',
      },
    });
    nc = await connect({ servers: natsServers(mnemo.natsUrl) });
    db = await createConnection({ uri: mnemo.mysqlUrl });
  });

  afterAll(async () => {
    await db?.end();
    await nc?.drain();
    await mnemo?.stop();
    await llm?.stop();
  });

  /** The apply request the extractor sends, over plain NATS: the reply envelope, parsed. */
  const apply = async (ops: WriteOp[], embeddingModel?: string) => {
    const command: RequestOf<typeof applyWriteContract> = {
      eventId: randomUUID(),
      projectId: 'carried',
      occurredAt: new Date().toISOString(),
      scope: { userId: 'carrier' },
      metadata: {},
      ops,
      embeddingModel,
    };
    const reply = await nc.request(applyWriteContract.subject, JSON.stringify(command), {
      timeout: 30_000,
    });
    const envelope = replyEnvelopeSchema.parse(reply.json());
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error);
    return applyWriteContract.response.parse(envelope.data);
  };

  it('stores carried vectors byte for byte and embeds only the text that came without one', async () => {
    llm.reset();
    const { results } = await apply(
      [
        { op: 'ADD', text: 'Likes window seats', vector: carriedVector(1) },
        { op: 'ADD', text: 'Drinks green tea', vector: carriedVector(2) },
        { op: 'ADD', text: 'Lives in Hangzhou' },
      ],
      model,
    );
    expect(results.map((result) => result.event)).toEqual(['ADD', 'ADD', 'ADD']);
    expect(embeddedTexts()).toEqual(['Lives in Hangzhou']);
    const stored = await rows<{ memory: string; embedding: Buffer; embedding_model: string }>(
      "SELECT memory, embedding, embedding_model FROM memories WHERE project_id = 'carried'",
    );
    const byText = new Map(stored.map((row) => [row.memory, row]));
    expect(byText.get('Likes window seats')?.embedding.toString('base64')).toBe(carriedVector(1));
    expect(byText.get('Drinks green tea')?.embedding.toString('base64')).toBe(carriedVector(2));
    expect(byText.get('Likes window seats')?.embedding_model).toBe(model);
    expect(byText.get('Lives in Hangzhou')?.embedding.length).toBe(dims * 4);
  });

  it('refuses a carried vector of the wrong size as a validation error and stays up', async () => {
    llm.reset();
    const short = encodeVector(Float32Array.of(1, 2, 3));
    await expect(
      apply([{ op: 'ADD', text: 'Likes chess', vector: short }], model),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const { results } = await apply(
      [{ op: 'ADD', text: 'Likes go', vector: carriedVector(3) }],
      model,
    );
    expect(results).toHaveLength(1);
    expect(embeddedTexts()).toEqual([]);
  });

  it('lands a burst of verbatim writes exactly once each across a vector-store SIGKILL', async () => {
    const statuses = new Map<number, number>();
    let next = 0;
    const send = async () => {
      while (next < burst) {
        const i = next++;
        const response = await http(mnemo.baseUrl, 'POST', '/memories', {
          messages: [{ role: 'user', content: `Burst note number ${i}` }],
          user_id: `burst-${i % 25}`,
          infer: false,
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    const crash = async () => {
      await eventually(() => expect(next).toBeGreaterThan(burst / 3), { timeoutMs: 120_000 });
      await mnemo.kill('vector-store');
      await mnemo.restart('vector-store');
    };
    await Promise.all([...Array.from({ length: 32 }, send), crash()]);
    // Answers: applied (200), queued while no vector-store ran (503), or waited out (504).
    expect([...statuses.keys()].filter((status) => ![200, 503, 504].includes(status))).toEqual([]);

    const burstIds = async () =>
      (await rows<{ id: string }>("SELECT id FROM memories WHERE user_id LIKE 'burst-%'")).map(
        (row) => row.id,
      );
    await eventually(async () => expect(await burstIds()).toHaveLength(burst), {
      timeoutMs: 180_000,
      intervalMs: 1000,
    });
    const ids = new Set(await burstIds());
    const history = await rows<{ memory_id: string; event: string }>(
      'SELECT memory_id, event FROM memory_history',
    );
    const events = await rows<{ memory_id: string }>(
      "SELECT JSON_VALUE(payload, '$.memory.id') AS memory_id FROM memory_outbox",
    );
    const [applied] = await rows<{ commands: number | string }>(
      "SELECT COUNT(*) AS commands FROM applied_writes WHERE project_id <> 'carried'",
    );
    const ofBurst = <T extends { memory_id: string }>(list: T[]) =>
      list.filter((row) => ids.has(row.memory_id));
    expect({
      texts: new Set(
        (
          await rows<{ memory: string }>("SELECT memory FROM memories WHERE user_id LIKE 'burst-%'")
        ).map((r) => r.memory),
      ).size,
      history: ofBurst(history).length,
      added: new Set(
        ofBurst(history)
          .filter((row) => row.event === 'ADD')
          .map((row) => row.memory_id),
      ).size,
      events: ofBurst(events).length,
      eventMemories: new Set(ofBurst(events).map((row) => row.memory_id)).size,
      commands: Number(applied.commands),
    }).toEqual({
      texts: burst,
      history: burst,
      added: burst,
      events: burst,
      eventMemories: burst,
      commands: burst,
    });
  });
});
