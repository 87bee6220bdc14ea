import { rename, writeFile } from 'node:fs/promises';
import type { ApiError } from '../http-json';
import { toExportedMemory } from '../memory-shape';
import { progressBar } from '../progress';
import { readPlatformMemories } from '../sources/platform-source';
import { mnemoHttp, scopeFilter, type ScopeOptions, type TargetOptions } from '../targets';

export interface ExportCommandOptions extends TargetOptions, ScopeOptions {
  json?: boolean;
  progress: boolean;
}

/**
 * `mnemo export <file.json> [--user-id U] [--agent-id A]`: the project's memories (those of the
 * scope, when one is named; expired ones too) as a JSON array in the shape `MemoryClient.getAll()`
 * returns, which `mnemo import` reads back. Written to a temporary file and renamed, so an
 * interrupted export leaves no half file.
 */
export async function exportCommand(file: string, options: ExportCommandOptions): Promise<number> {
  const started = Date.now();
  const http = mnemoHttp(options, (error: ApiError, waitMs: number) =>
    process.stderr.write(
      `Mnemo: ${error.message}; trying again in ${(waitMs / 1000).toFixed(1)} s\n`,
    ),
  );
  const progress = progressBar('Exporting', options.progress);
  let barStarted = false;
  let listed;
  try {
    listed = await readPlatformMemories(http, scopeFilter(options), (read, total) => {
      if (!barStarted) progress.start(total);
      barStarted = true;
      progress.update(read, undefined, total);
    });
  } finally {
    progress.stop();
  }
  const memories = listed.map(toExportedMemory);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(memories, null, 2)}\n`);
  await rename(temporary, file);
  const seconds = (Date.now() - started) / 1000;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ file, exported: memories.length, elapsed_ms: Date.now() - started })}\n`,
    );
  } else {
    process.stdout.write(
      `Exported ${memories.length.toLocaleString('en-US')} memories to ${file} (${seconds.toFixed(1)} s).\n`,
    );
  }
  return 0;
}
