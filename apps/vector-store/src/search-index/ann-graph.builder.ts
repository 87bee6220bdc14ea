import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Index, IndexConfig } from 'usearch';
import { slotChunkRows } from './slot-vectors';

/** What a build worker inserts: the slots' rows, read from the scope's shared vector chunks. */
export interface GraphBuildJob {
  config: IndexConfig;
  slots: Uint32Array;
  chunks: SharedArrayBuffer[];
}

/** What the worker is handed: the job, where its rows are, and the file it saves the graph to. */
export interface GraphBuildWork extends GraphBuildJob {
  chunkRows: number;
  path: string;
}

/** How often a running build checks that its scope still wants it. */
const cancelCheckMs = 500;
/** Hand-over files start with this; one lives from the worker's save until the service loaded it. */
const filePrefix = 'mnemo-ann-';
/** A hand-over file this old was left by a process killed in the middle of one (seconds long). */
const staleFileMs = 10 * 60_000;

// One build at a time per process: each takes a core for seconds (minutes for a large 1536-d
// scope), and the machine's other cores serve searches meanwhile.
let builds: Promise<unknown> = Promise.resolve();
let sweeping: Promise<void> | undefined;

/**
 * Builds `job` in a worker thread and loads the result into `into` (usearch hands a graph across
 * threads only as a file: saved by the worker to the temporary directory, loaded here, removed).
 * False when `going()` turned false before the graph was loaded; the worker is then stopped.
 */
export function buildInWorker(
  into: Index,
  job: GraphBuildJob,
  going: () => boolean,
): Promise<boolean> {
  sweeping ??= sweepStaleFiles();
  const swept = sweeping;
  const run = builds.then(() => swept).then(() => (going() ? runWorker(into, job, going) : false));
  builds = run.catch(() => undefined);
  return run;
}

async function runWorker(into: Index, job: GraphBuildJob, going: () => boolean): Promise<boolean> {
  const path = join(tmpdir(), `${filePrefix}${process.pid}-${randomUUID()}.usearch`);
  const work: GraphBuildWork = { ...job, chunkRows: slotChunkRows, path };
  const { file, execArgv } = workerScript();
  const worker = new Worker(file, { workerData: work, execArgv });
  let timer: NodeJS.Timeout | undefined;
  try {
    const saved = await new Promise<boolean>((resolve, reject) => {
      timer = setInterval(() => {
        if (!going()) resolve(false);
      }, cancelCheckMs);
      worker.once('message', () => resolve(true));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`graph build worker exited with ${code}`)));
    });
    // The worker's copy of the graph goes before the service loads its own: one at a time.
    await worker.terminate();
    if (!saved || !going()) return false;
    into.load(path);
    return true;
  } finally {
    clearInterval(timer);
    await worker.terminate();
    await rm(path, { force: true });
  }
}

/** The compiled worker next to this file, or its TypeScript source run through tsx (tests). */
function workerScript(): { file: string; execArgv?: string[] } {
  const compiled = join(__dirname, 'ann-graph.worker.js');
  if (existsSync(compiled)) return { file: compiled };
  return { file: join(__dirname, 'ann-graph.worker.ts'), execArgv: ['--require', 'tsx/cjs'] };
}

/**
 * Removes the hand-over files of processes killed between a worker's save and the load (once per
 * process, before its first build): in a container the temporary directory outlives a restart.
 */
export async function sweepStaleFiles(now = Date.now()): Promise<void> {
  const dir = tmpdir();
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(filePrefix))) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > staleFileMs) await rm(path, { force: true }).catch(() => {});
  }
}
