import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { PlatformProject } from './platform-project';

type Json = Record<string, any>;

export const workspaceRoot = join(__dirname, '..', '..', '..', '..');
/** The built CLI, as `npm test` builds it before the suites run. */
export const cliMain = join(workspaceRoot, 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `mnemo ...args` as a child process against the suite's gateway. */
export function startCli(
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

/** `mnemo ...args` with a project's key against a gateway, and `mnemo import ... --json`. */
export function cliAgainst(baseUrl: () => string) {
  const cli = (key: string, ...args: string[]) =>
    startCli(args, { MNEMO_URL: baseUrl(), MNEMO_API_KEY: key }).done;
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
  return { cli, importJson };
}

/** `2024-07-26T23:02:24.393271-07:00`: how Mem0 writes times (US/Pacific, microseconds). */
export function mem0Time(at: Date): string {
  const pacific = new Date(at.getTime() - 8 * 3600_000);
  const base = pacific.toISOString().slice(0, 23);
  return `${base}${String(at.getTime() % 7).padStart(3, '0')}-08:00`;
}

/** A time as Mnemo answers it: UTC, milliseconds. */
export const asStored = (time: string) => new Date(time).toISOString();

export const words = [
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
export function generatedExport(count: number): Json[] {
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
