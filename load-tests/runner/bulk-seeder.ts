import { createHash, randomUUID } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';
import { embedTextContract } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { createLogger } from '@mnemo/observability';
import type { SeedPlan } from './bench-plan.types';
import type { SeedOutcome } from './report';
import { Workload } from './workload';

export interface BulkSeedOptions {
  baseUrl: string;
  natsUrl: string;
  /** the vector-store's own account: the rows go to its tables as its writes would put them */
  vectorStoreMysqlUrl: string;
  plan: SeedPlan;
  workload: Workload;
  /** texts per embedding request: a 1536-d answer of 256 texts would pass NATS's 1 MB limit */
  embedBatch: number;
  /** headers of the first API add (a project's key; none: the default project of an open stack) */
  headers?: Record<string, string>;
  log: (line: string) => void;
}

const insertBatch = 500;

/**
 * Writes `plan.memories` distinct memories round-robin over `plan.scopes` users straight into the
 * vector-store's `memories` table, with vectors from the running embedder (the search path is what
 * is measured, and 200,000 adds through the API take longer than a run should). One API add first
 * creates the schema and tells the project id; the project's version is bumped at the end.
 */
export async function bulkSeedMemories(options: BulkSeedOptions): Promise<SeedOutcome> {
  const started = performance.now();
  const { plan, workload } = options;
  const projectId = await firstAdd(options);
  const db = await createConnection({ uri: options.vectorStoreMysqlUrl, supportBigNumbers: true });
  const bus = await NatsBus.connect({
    url: options.natsUrl,
    service: 'bench-seeder',
    instanceId: 'bench-seeder',
    logger: createLogger({ service: 'bench-seeder', instanceId: 'bench-seeder', level: 'warn' }),
    requestTimeoutMs: 120_000,
  });
  try {
    const texts = distinctTexts(workload, plan.memories - 1, plan.scopes);
    let written = 1;
    for (let from = 0; from < texts.length; from += insertBatch * 4) {
      const slice = texts.slice(from, from + insertBatch * 4);
      const embedded = await embedAll(bus, slice, options.embedBatch);
      for (let i = 0; i < slice.length; i += insertBatch) {
        await insertRows(db, projectId, embedded, from + i, slice.slice(i, i + insertBatch), plan);
      }
      written += slice.length;
      if (Math.floor(from / 20_000) !== Math.floor((from + slice.length) / 20_000)) {
        options.log(`seeded ${written} memories`);
      }
    }
    await db.query('UPDATE memory_versions SET version = version + 1 WHERE project_id = ?', [
      projectId,
    ]);
    return {
      memories: written,
      scopes: Math.min(plan.scopes, written),
      requests: 1,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await bus.connection.close();
    await db.end();
  }
}

interface Embedded {
  model: string;
  vectors: Buffer[];
}

async function firstAdd(options: BulkSeedOptions): Promise<string> {
  const response = await fetch(new URL('/memories', options.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: JSON.stringify({
      messages: [{ role: 'user', content: 'Started the benchmark diary today' }],
      user_id: Workload.scopeUser(0),
      infer: false,
    }),
  });
  if (response.status !== 200) throw new Error(`seeding add answered ${response.status}`);
  const db = await createConnection(options.vectorStoreMysqlUrl);
  try {
    const [rows] = await db.query('SELECT project_id FROM memories LIMIT 1');
    return (rows as { project_id: string }[])[0].project_id;
  } finally {
    await db.end();
  }
}

/** Texts that repeat within no scope: text n goes to scope (n + 1) mod scopes. */
export function distinctTexts(workload: Workload, count: number, scopes: number): string[] {
  const seen = new Set<string>();
  const texts: string[] = [];
  while (texts.length < count) {
    const text = workload.memoryText();
    const key = `${(texts.length + 1) % scopes}\u0000${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    texts.push(text);
  }
  return texts;
}

async function embedAll(bus: NatsBus, texts: string[], batch: number): Promise<Embedded> {
  const parts: Promise<Embedded>[] = [];
  for (let i = 0; i < texts.length; i += batch) {
    parts.push(
      bus
        .request(embedTextContract, { texts: texts.slice(i, i + batch), purpose: 'document' })
        .then((answer) => ({
          model: answer.model,
          vectors: answer.vectors.map((v) => Buffer.from(v, 'base64')),
        })),
    );
  }
  const answers = await Promise.all(parts);
  return { model: answers[0].model, vectors: answers.flatMap((answer) => answer.vectors) };
}

async function insertRows(
  db: Connection,
  projectId: string,
  embedded: Embedded,
  offset: number,
  texts: string[],
  plan: SeedPlan,
): Promise<void> {
  const now = new Date();
  const base = offset % (insertBatch * 4);
  const rows = texts.map((text, i) => {
    // The first API add took slot 0 of scope 0, so memory n goes to scope (n + 1) mod scopes.
    const userId = Workload.scopeUser((offset + i + 1) % plan.scopes);
    return [
      projectId,
      randomUUID(),
      text,
      md5(text),
      '[]',
      userId,
      md5([userId, '', '', ''].join('\u0000')),
      embedded.vectors[base + i],
      embedded.model,
      now,
      now,
    ];
  });
  await db.query(
    `INSERT INTO memories (project_id, id, memory, hash, categories, user_id, scope_key,
       embedding, embedding_model, created_at, updated_at) VALUES ?`,
    [rows],
  );
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}
