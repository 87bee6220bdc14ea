import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  eventually,
  startFakeMem0Oss,
  startMnemo,
  type FakeMem0Oss,
  type FakeOssMemory,
  type MnemoStack,
} from '@mnemo/testing';
import { http } from './http';
import {
  asStored,
  cliAgainst,
  generatedExport,
  mem0Time,
  startCli,
  words,
} from './support/mnemo-cli';
import {
  createPlatformProject,
  tokenCaller,
  type PlatformProject,
} from './support/platform-project';

type Json = Record<string, any>;

const adminKey = 'cli-import-admin-key';
const total = 5000;
/** the last memories of the export, imported with an interruption */
const resumedCount = 2000;

jest.setTimeout(60_000);

describe('mnemo CLI: import and export', () => {
  let mnemo: MnemoStack;
  let dir: string;
  let source: Json[];
  let sourceFile: string;
  /** the resumed project's export: what the first import must equal */
  let resumedExport: Json[];
  const projects: Record<string, PlatformProject> = {};
  const call = tokenCaller(() => mnemo.baseUrl);
  const { cli, importJson } = cliAgainst(() => mnemo.baseUrl);

  /** How many memories the project holds, expired ones included. */
  const countOf = async (project: PlatformProject): Promise<number> => {
    const filters = { OR: ['user_id', 'agent_id', 'app_id', 'run_id'].map((f) => ({ [f]: '*' })) };
    const answer = await call(project.api_key, 'POST', '/v3/memories/?page=1&page_size=1', {
      filters,
      show_expired: true,
    });
    expect(answer.status).toBe(200);
    return answer.body.count as number;
  };

  /** The project's memories through `mnemo export`, sorted by id. */
  const exported = async (project: PlatformProject, name: string, ...args: string[]) => {
    const file = join(dir, name);
    const run = await cli(project.api_key, 'export', file, '--json', ...args);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({
      code: 0,
      stderr: '',
    });
    const memories = JSON.parse(await readFile(file, 'utf8')) as Json[];
    expect(JSON.parse(run.stdout)).toMatchObject({ file, exported: memories.length });
    return memories.sort((a, b) => String(a['id']).localeCompare(String(b['id'])));
  };

  beforeAll(async () => {
    [mnemo, dir] = await Promise.all([
      // The import writes straight to the vector-store: no extractor.
      startMnemo({
        services: ['gateway', 'embedder', 'vector-store'],
        env: { MNEMO_ADMIN_API_KEY: adminKey },
      }),
      mkdtemp(join(tmpdir(), 'mnemo-cli-')),
    ]);
    for (const name of ['source', 'resumed', 'round-trip', 'oss', 'platform']) {
      projects[name] = await createPlatformProject(
        mnemo.baseUrl,
        adminKey,
        `cli-${name}`,
        'cli-org',
      );
    }
    source = generatedExport(total);
    sourceFile = join(dir, 'mem0-export.json');
    // an object with `results`, as `MemoryClient.getAll()` answers a paged list
    await writeFile(sourceFile, JSON.stringify({ count: total, results: source }));
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(`imports a generated ${total}-memory export with its ids, scopes, metadata, times and history`, async () => {
    const started = Date.now();
    const { run, summary } = await importJson(projects.source, sourceFile);
    expect(summary).toMatchObject({
      read: total,
      imported: total,
      duplicates: 0,
      failed: 0,
      not_attempted: 0,
      failures: [],
    });
    expect(run.code).toBe(0);
    // progress without a terminal: plain lines on stderr with a rate and an ETA
    expect(run.stderr).toMatch(/Importing \[.*\] \d+% \d+\/5000 \| \d+\/s \| ETA/);
    process.stdout.write(`imported ${total} memories in ${Date.now() - started} ms\n`);

    expect(await countOf(projects.source)).toBe(total);
    const entities = await call(projects.source.api_key, 'GET', '/v1/entities/');
    const byEntity = new Map(
      (entities.body.results as Json[]).map((e) => [
        `${e['type']} ${e['name']}`,
        e['total_memories'],
      ]),
    );
    const expected = new Map<string, number>();
    for (const memory of source) {
      for (const [field, type] of [
        ['user_id', 'user'],
        ['agent_id', 'agent'],
        ['app_id', 'app'],
        ['run_id', 'run'],
      ]) {
        const id = memory[field] as string | null;
        if (id) expected.set(`${type} ${id}`, (expected.get(`${type} ${id}`) ?? 0) + 1);
      }
    }
    expect(Object.fromEntries(byEntity)).toEqual(Object.fromEntries(expected));

    for (const i of [0, 1, 2, 3, 50, 97, 777, 1234, 4321, total - 11]) {
      const want = source[i];
      const got = await call(projects.source.api_key, 'GET', `/v1/memories/${want['id']}/`);
      expect({ i, status: got.status }).toEqual({ i, status: 200 });
      expect(got.body).toMatchObject({
        id: want['id'],
        memory: want['memory'],
        user_id: want['user_id'],
        agent_id: want['agent_id'],
        app_id: want['app_id'],
        session_id: want['run_id'],
        metadata: want['metadata'],
        categories: want['categories'],
        expiration_date: want['expiration_date'],
        created_at: asStored(want['created_at']),
        updated_at: asStored(want['updated_at']),
      });
      const history = await call(
        projects.source.api_key,
        'GET',
        `/v1/memories/${want['id']}/history/`,
      );
      expect(history.body).toEqual([
        expect.objectContaining({
          memory_id: want['id'],
          event: 'ADD',
          old_memory: null,
          new_memory: want['memory'],
          created_at: asStored(want['created_at']),
        }),
      ]);
    }

    // embedded like any add: a search finds an imported memory by meaning and keywords
    const found = await call(projects.source.api_key, 'POST', '/v3/memories/search/', {
      query: source[1234]['memory'],
      filters: { user_id: source[1234]['user_id'] },
      top_k: 1,
    });
    expect(found.body.results?.[0] ?? found.body[0]).toMatchObject({ id: source[1234]['id'] });
  }, 120_000);

  it('resumes an import killed half-way, with no duplicate', async () => {
    const project = projects.resumed;
    const part = source.slice(total - resumedCount);
    const file = join(dir, 'part.json');
    await writeFile(file, JSON.stringify(part));
    const first = startCli(['import', file, '--batch-size', '100', '--concurrency', '1'], {
      MNEMO_URL: mnemo.baseUrl,
      MNEMO_API_KEY: project.api_key,
    });
    await eventually(async () => expect(await countOf(project)).toBeGreaterThanOrEqual(500), {
      timeoutMs: 60_000,
      intervalMs: 50,
    });
    first.child.kill('SIGKILL');
    expect(await first.done).toMatchObject({ signal: 'SIGKILL' });
    // the batch in flight when the CLI died is still applied by the server
    let settled = -1;
    await eventually(
      async () => {
        const now = await countOf(project);
        const previous = settled;
        settled = now;
        expect(now).toBe(previous);
      },
      { timeoutMs: 20_000, intervalMs: 300 },
    );
    expect(settled).toBeLessThan(resumedCount);

    const { run, summary } = await importJson(project, file);
    expect(summary).toMatchObject({
      read: resumedCount,
      imported: resumedCount - settled,
      duplicates: settled,
      failed: 0,
      not_attempted: 0,
    });
    expect(run.code).toBe(0);
    expect(new Set((summary.duplicate_items as Json[]).map((item) => item['reason']))).toEqual(
      new Set(['a memory with this id is already in the project']),
    );
    expect(await countOf(project)).toBe(resumedCount);
    resumedExport = await exported(project, 'resumed.json');
    expect(new Set(resumedExport.map((m) => m['id'])).size).toBe(resumedCount);
    const ids = new Set(resumedExport.map((m) => m['id']));
    expect(part.filter((m) => m['id'] && !ids.has(m['id']))).toEqual([]);
  }, 120_000);

  it('exports and imports back without losing anything, into another project', async () => {
    const original = await exported(projects.source, 'source.json');
    expect(original).toHaveLength(total);
    const byId = new Map(source.map((memory) => [memory['id'], memory]));
    for (const memory of original.filter((m) => byId.has(m['id']))) {
      const want = byId.get(memory['id'])!;
      expect(memory).toEqual({
        id: want['id'],
        memory: want['memory'],
        user_id: want['user_id'],
        agent_id: want['agent_id'],
        app_id: want['app_id'],
        run_id: want['run_id'],
        metadata: want['metadata'],
        categories: want['categories'],
        created_at: asStored(want['created_at']),
        updated_at: asStored(want['updated_at']),
        expiration_date: want['expiration_date'],
      });
    }
    // the import that was killed and resumed holds exactly what the uninterrupted one holds
    const resumedIds = new Set(resumedExport.map((m) => m['id']));
    expect(resumedExport).toEqual(original.filter((m) => resumedIds.has(m['id'])));

    const { run, summary } = await importJson(projects['round-trip'], join(dir, 'source.json'));
    expect(summary).toMatchObject({ imported: total, duplicates: 0, failed: 0 });
    expect(run.code).toBe(0);
    expect(await exported(projects['round-trip'], 'round-trip.json')).toEqual(original);
    // the same ids now live in two projects, each its own: the first one's are untouched
    expect(await countOf(projects.source)).toBe(total);
    for (const memory of original.slice(0, 5)) {
      const got = await call(projects.source.api_key, 'GET', `/v1/memories/${memory['id']}/`);
      expect(got.body).toMatchObject({
        memory: memory['memory'],
        updated_at: memory['updated_at'],
      });
    }

    const user = await exported(projects.source, 'user-3.json', '--user-id', 'user-3');
    expect(user).toEqual(original.filter((m) => m['user_id'] === 'user-3'));
    const pair = await exported(
      projects.source,
      'pair.json',
      '--user-id',
      'user-3',
      '--agent-id',
      'agent-3',
    );
    expect(pair.length).toBeGreaterThan(0);
    expect(pair).toEqual(
      original.filter((m) => m['user_id'] === 'user-3' && m['agent_id'] === 'agent-3'),
    );
  }, 120_000);

  describe('from an open-source Mem0 server, then from a Platform project', () => {
    let oss: FakeMem0Oss;
    let ossMemories: FakeOssMemory[];

    beforeAll(async () => {
      const start = Date.UTC(2024, 5, 1);
      ossMemories = Array.from({ length: 300 }, (_, i) => {
        const created = new Date(start + i * 61_000);
        return {
          id: randomUUID(),
          memory: `OSS fact ${i} about ${words[i % words.length]}`,
          // alice has 150: more than the server's default of 100 per list
          ...(i % 2 === 0 ? { user_id: 'alice' } : i % 3 === 0 ? { user_id: 'bob' } : {}),
          ...(i % 5 === 0 || (i % 2 === 1 && i % 3 !== 0) ? { agent_id: `helper-${i % 3}` } : {}),
          ...(i % 4 === 0 ? { run_id: `session-${i % 8}` } : {}),
          ...(i % 6 === 0 ? { actor_id: 'alice', role: 'user' } : {}),
          metadata: i % 3 === 0 ? { source: 'oss', i } : undefined,
          created_at: mem0Time(created),
          updated_at: i % 10 === 0 ? mem0Time(new Date(created.getTime() + 5000)) : undefined,
        };
      });
      oss = await startFakeMem0Oss({ memories: ossMemories, apiKey: 'oss-key' });
    });

    afterAll(async () => {
      await oss?.close();
    });

    it('imports every user, agent and run of an open-source server', async () => {
      const refused = await cli(
        projects.oss.api_key,
        'import',
        '--from-oss',
        oss.url,
        '--mem0-api-key',
        'wrong',
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('refused the key: Invalid or missing API key.');

      const { run, summary } = await importJson(
        projects.oss,
        '--from-oss',
        oss.url,
        '--mem0-api-key',
        'oss-key',
      );
      expect(summary).toMatchObject({ read: 300, imported: 300, duplicates: 0, failed: 0 });
      expect(run.code).toBe(0);
      expect(oss.requests).toContain('GET /memories?user_id=alice&top_k=1000&show_expired=true');
      expect(await countOf(projects.oss)).toBe(300);
      for (const i of [0, 1, 2, 3, 4, 5, 6, 10, 150, 299]) {
        const want = ossMemories[i];
        const got = await http<Json>(mnemo.baseUrl, 'GET', `/memories/${want.id}`, undefined, {
          'x-api-key': projects.oss.api_key,
        });
        expect({ i, status: got.status }).toEqual({ i, status: 200 });
        expect(got.body).toEqual(
          expect.objectContaining({
            id: want.id,
            memory: want.memory,
            metadata: want.metadata ?? null,
            created_at: asStored(want.created_at),
            updated_at: asStored(want.updated_at ?? want.created_at),
            ...(want.user_id ? { user_id: want.user_id } : {}),
            ...(want.agent_id ? { agent_id: want.agent_id } : {}),
            ...(want.run_id ? { run_id: want.run_id } : {}),
            ...(want.actor_id ? { actor_id: want.actor_id, role: want.role } : {}),
          }),
        );
        for (const field of ['user_id', 'agent_id', 'run_id'] as const) {
          if (!want[field]) expect(got.body[field]).toBeUndefined();
        }
      }
      const again = await importJson(
        projects.oss,
        '--from-oss',
        oss.url,
        '--mem0-api-key',
        'oss-key',
      );
      expect(again.summary).toMatchObject({ read: 300, imported: 0, duplicates: 300, failed: 0 });
    });

    it('imports a Platform project through its API (Mnemo standing in for the Mem0 Platform)', async () => {
      const { run, summary } = await importJson(
        projects.platform,
        '--from-platform',
        '--mem0-host',
        mnemo.baseUrl,
        '--mem0-api-key',
        projects.oss.api_key,
      );
      expect(summary).toMatchObject({ read: 300, imported: 300, duplicates: 0, failed: 0 });
      expect(run.code).toBe(0);
      expect(await exported(projects.platform, 'platform.json')).toEqual(
        await exported(projects.oss, 'oss.json'),
      );
    });
  });
});
