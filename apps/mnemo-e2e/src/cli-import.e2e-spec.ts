import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
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
  createPlatformProject,
  tokenCaller,
  type PlatformProject,
} from './support/platform-project';

type Json = Record<string, any>;

const adminKey = 'cli-import-admin-key';
const workspaceRoot = join(__dirname, '..', '..', '..');
/** The built CLI, as `npm test` builds it before the suites run. */
const cliMain = join(workspaceRoot, 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');
const total = 5000;
/** the last memories of the export, imported with an interruption */
const resumedCount = 2000;

jest.setTimeout(60_000);

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `mnemo ...args` as a child process against the suite's gateway. */
function startCli(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [cliMain, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** `2024-07-26T23:02:24.393271-07:00`: how Mem0 writes times (US/Pacific, microseconds). */
function mem0Time(at: Date): string {
  const pacific = new Date(at.getTime() - 8 * 3600_000);
  const base = pacific.toISOString().slice(0, 23);
  return `${base}${String(at.getTime() % 7).padStart(3, '0')}-08:00`;
}

/** A time as Mnemo answers it: UTC, milliseconds. */
const asStored = (time: string) => new Date(time).toISOString();

const words = [
  'tea',
  'rain',
  'Hangzhou',
  'violin',
  'noodles',
  'chess',
  'cycling',
  'jazz',
  'sushi',
  'hiking',
];

/** A Mem0 Platform export of `count` memories across 40 users, 5 agents, runs and an app. */
function generatedExport(count: number): Json[] {
  const start = Date.UTC(2023, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const created = new Date(start + i * 3_600_123);
    const updated = i % 4 === 0 ? new Date(created.getTime() + 86_400_000 + i) : created;
    const agentOnly = i % 50 === 0;
    const memory: Json = {
      // the last ten have no id: theirs is derived from text, scope and created_at
      ...(i >= count - 10 ? {} : { id: randomUUID() }),
      memory: `Fact ${i}: likes ${words[i % words.length]} and ${words[(i * 7) % words.length]} (${i})`,
      user_id: agentOnly ? null : `user-${i % 40}`,
      agent_id: agentOnly || i % 3 === 0 ? `agent-${i % 5}` : null,
      app_id: i % 11 === 0 ? 'app-x' : null,
      run_id: i % 7 === 0 ? `run-${i % 20}` : null,
      metadata: i % 2 === 0 ? { source: 'mem0', n: i, nested: { tags: [words[i % 10]] } } : null,
      categories: i % 5 === 0 ? ['food', 'hobbies'] : [],
      created_at: i % 2 === 0 ? mem0Time(created) : created.toISOString(),
      updated_at: i % 2 === 0 ? mem0Time(updated) : updated.toISOString(),
      expiration_date: i % 97 === 0 ? '2099-12-31' : i === 1 ? '2020-01-01' : null,
      // keys a Platform export carries that the import does not keep
      hash: 'ignored',
      immutable: false,
      owner: 'someone',
    };
    return memory;
  });
}

describe('mnemo CLI: import, export, search, add, stats', () => {
  let mnemo: MnemoStack;
  let dir: string;
  let source: Json[];
  let sourceFile: string;
  /** the resumed project's export: what the first import must equal */
  let resumedExport: Json[];
  const projects: Record<string, PlatformProject> = {};
  const call = tokenCaller(() => mnemo.baseUrl);
  const cli = (key: string, ...args: string[]) =>
    startCli(args, { MNEMO_URL: mnemo.baseUrl, MNEMO_API_KEY: key }).done;

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

  const importJson = async (project: PlatformProject, ...args: string[]) => {
    const run = await cli(project.api_key, 'import', ...args, '--json');
    let summary: Json;
    try {
      summary = JSON.parse(run.stdout) as Json;
    } catch {
      throw new Error(
        `mnemo import printed no JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}`,
      );
    }
    return { run, summary };
  };

  beforeAll(async () => {
    [mnemo, dir] = await Promise.all([
      startMnemo({
        services: ['gateway', 'extractor', 'embedder', 'vector-store'],
        env: { MNEMO_ADMIN_API_KEY: adminKey },
      }),
      mkdtemp(join(tmpdir(), 'mnemo-cli-')),
    ]);
    for (const name of ['source', 'resumed', 'round-trip', 'oss', 'platform', 'small']) {
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

  it('is built, and linked as the workspace bin `mnemo`', async () => {
    expect(existsSync(cliMain)).toBe(true);
    const bin = join(workspaceRoot, 'node_modules', '.bin', 'mnemo');
    const run = await new Promise<CliRun>((resolve, reject) => {
      const child = spawn(bin, ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr: '' }));
    });
    expect(run).toMatchObject({ code: 0, stdout: '0.1.0\n' });
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

  it('reports duplicates and failures with reasons, and exits 1 when something failed', async () => {
    const id = randomUUID();
    const file = join(dir, 'mixed.json');
    await writeFile(
      file,
      JSON.stringify([
        { id, memory: 'Keeps bees', user_id: 'mixed' },
        { id, memory: 'Keeps bees, said twice', user_id: 'mixed' },
        { id: 'mem-42', memory: 'Plays the oboe', userId: 'mixed', createdAt: 1_700_000_000 },
        { memory: '   ', user_id: 'mixed' },
        { memory: 'Belongs to nobody' },
        { memory: 'Has a bad date', user_id: 'mixed', created_at: 'yesterday' },
        'not a memory',
      ]),
    );
    const { run, summary } = await importJson(projects.small, file);
    expect(run.code).toBe(1);
    expect(summary).toMatchObject({ read: 7, imported: 2, duplicates: 1, failed: 4 });
    expect(summary.duplicate_items).toEqual([
      { index: 1, id, reason: 'a memory with this id is already in the project' },
    ]);
    expect(summary.failures).toEqual([
      { index: 3, reason: 'memory: must not be empty' },
      { index: 4, reason: 'needs at least one of user_id, agent_id, app_id or run_id' },
      { index: 5, reason: 'created_at: not a date and time' },
      { index: 6, reason: 'not a JSON object' },
    ]);
    expect(summary.replaced_ids).toEqual([
      { index: 2, source_id: 'mem-42', id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
    ]);
    const oboe = await call(
      projects.small.api_key,
      'GET',
      `/v1/memories/${summary.replaced_ids[0].id}/`,
    );
    expect(oboe.body).toMatchObject({
      memory: 'Plays the oboe',
      created_at: '2023-11-14T22:13:20.000Z',
    });

    const text = await cli(projects.small.api_key, 'import', file, '--no-progress');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Imported 0, skipped 3 as duplicates, failed 4');
    expect(text.stdout).toContain('#5: created_at: not a date and time');
    expect(text.stderr).toBe('');
  });

  it('searches, adds and counts', async () => {
    const key = projects.small.api_key;
    const added = await cli(
      key,
      'add',
      'Prefers green tea in the morning',
      '--user-id',
      'cli-user',
      '--no-infer',
      '--metadata',
      '{"via":"cli"}',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^ADD +[0-9a-f-]{36} {2}Prefers green tea in the morning\n$/);

    const search = await cli(key, 'search', 'green tea', '--user-id', 'cli-user', '--json');
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout)[0]).toMatchObject({
      memory: 'Prefers green tea in the morning',
      metadata: { via: 'cli' },
      score: expect.any(Number),
    });
    const everywhere = await cli(key, 'search', 'bees');
    expect(everywhere.stdout).toMatch(
      /^\d\.\d{3} {2}[0-9a-f-]{36} {2}Keeps bees {2}\[user_id=mixed\]$/m,
    );

    const stats = await cli(key, 'stats', '--json');
    expect(JSON.parse(stats.stdout)).toMatchObject({
      project_id: projects.small.project_id,
      memories: 3,
      users: 2,
      top_entities: [
        { type: 'user', id: 'mixed', memories: 2 },
        { type: 'user', id: 'cli-user', memories: 1 },
      ],
    });

    const unauthorised = await cli('m0-not-a-key', 'stats');
    expect(unauthorised.code).toBe(1);
    expect(unauthorised.stderr).toContain('refused the key: Invalid API key');
    const usage = await cli(key, 'import');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('give exactly one source');
  });
});
