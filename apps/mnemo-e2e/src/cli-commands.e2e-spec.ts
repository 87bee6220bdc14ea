import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMnemo, type MnemoStack } from '@mnemo/testing';
import { cliAgainst, cliMain, workspaceRoot, type CliRun } from './support/mnemo-cli';
import {
  createPlatformProject,
  tokenCaller,
  type PlatformProject,
} from './support/platform-project';

const adminKey = 'cli-commands-admin-key';

jest.setTimeout(60_000);

describe('mnemo CLI: the bin, the import report, search, add and stats', () => {
  let mnemo: MnemoStack;
  let dir: string;
  const projects: Record<string, PlatformProject> = {};
  const call = tokenCaller(() => mnemo.baseUrl);
  const { cli, importJson } = cliAgainst(() => mnemo.baseUrl);

  beforeAll(async () => {
    [mnemo, dir] = await Promise.all([
      startMnemo({
        services: ['gateway', 'extractor', 'embedder', 'vector-store'],
        env: { MNEMO_ADMIN_API_KEY: adminKey },
      }),
      mkdtemp(join(tmpdir(), 'mnemo-cli-')),
    ]);
    projects.small = await createPlatformProject(mnemo.baseUrl, adminKey, 'cli-small', 'cli-org');
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
