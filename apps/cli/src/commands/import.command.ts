import { writeFile } from 'node:fs/promises';
import type { ImportAnswer } from '@mnemo/contracts';
import type { ApiError, JsonHttp } from '../http-json';
import { importEntries, type ImportSummary, type SourceEntry } from '../importer';
import { matchesScope, toImportItem, type ImportItem, type ScopeFilter } from '../memory-shape';
import { progressBar, type Progress } from '../progress';
import { readExportFile } from '../sources/export-file';
import { readOssMemories } from '../sources/oss-source';
import { readPlatformMemories } from '../sources/platform-source';
import {
  defaultMem0Host,
  mnemoHttp,
  ossHttp,
  platformHttp,
  scopeFilter,
  UsageError,
  type ScopeOptions,
  type TargetOptions,
} from '../targets';

export interface ImportCommandOptions extends TargetOptions, ScopeOptions {
  fromPlatform?: boolean;
  fromOss?: string;
  mem0Host?: string;
  mem0ApiKey?: string;
  batchSize: number;
  concurrency: number;
  json?: boolean;
  progress: boolean;
  report?: string;
}

/** How many failures the text summary lists; `--report` writes them all. */
const listedFailures = 20;

/**
 * `mnemo import <file.json>`, `mnemo import --from-platform ...`, `mnemo import --from-oss <url>`:
 * reads every memory of the source, then sends them to Mnemo's import route in batches. Resumable:
 * ids are kept (or derived from the content), so running it again skips what is there already.
 * Exit code 0 when nothing failed, 1 otherwise, 130 when interrupted.
 */
export async function importCommand(
  file: string | undefined,
  options: ImportCommandOptions,
): Promise<number> {
  const sources = [file !== undefined, !!options.fromPlatform, options.fromOss !== undefined];
  if (sources.filter(Boolean).length !== 1) {
    throw new UsageError(
      'give exactly one source: a file (mnemo import export.json), --from-platform or --from-oss <url>',
    );
  }
  if (options.batchSize < 1 || options.batchSize > 1000) {
    throw new UsageError('--batch-size must be between 1 and 1000');
  }
  if (options.concurrency < 1 || options.concurrency > 16) {
    throw new UsageError('--concurrency must be between 1 and 16');
  }
  const filter = scopeFilter(options);
  // While the bar runs, lines go through it so it does not draw over them.
  let notice: (line: string) => void = (line) => process.stderr.write(`${line}\n`);
  const retrying = (what: string) => (error: ApiError, waitMs: number) =>
    notice(`${what}: ${error.message}; trying again in ${(waitMs / 1000).toFixed(1)} s`);

  const { label, raw } = await readSource(file, options, filter, retrying);
  const entries = toEntries(raw, filter);
  const target = mnemoHttp(options, retrying('Mnemo'));
  const progress = progressBar('Importing', options.progress);
  notice = (line) => progress.log(line);
  let stopRequested = false;
  const onSignal = () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    notice('Stopping after the batches in flight (Ctrl-C again to quit at once)...');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let summary: ImportSummary;
  try {
    summary = await importEntries(entries, sendTo(target), {
      batchSize: options.batchSize,
      concurrency: options.concurrency,
      progress,
      stopRequested: () => stopRequested,
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (options.report) await writeReport(options.report, label, summary);
  if (options.json)
    process.stdout.write(`${JSON.stringify(jsonSummary(label, summary), null, 2)}\n`);
  else process.stdout.write(textSummary(label, summary, options.report));
  if (summary.interrupted) return 130;
  return summary.failed > 0 || summary.notAttempted > 0 ? 1 : 0;
}

async function readSource(
  file: string | undefined,
  options: ImportCommandOptions,
  filter: ScopeFilter,
  retrying: (what: string) => (error: ApiError, waitMs: number) => void,
): Promise<{ label: string; raw: unknown[] }> {
  if (file !== undefined) return { label: file, raw: await readExportFile(file) };
  if (options.fromPlatform) {
    if (!options.mem0ApiKey) {
      throw new UsageError('--from-platform needs --mem0-api-key (or MEM0_API_KEY)');
    }
    const host = options.mem0Host ?? defaultMem0Host;
    const source = platformHttp(host, options.mem0ApiKey, retrying('Mem0 Platform'));
    const progress = progressBar('Reading  ', options.progress);
    const raw = await reading(progress, (update) =>
      readPlatformMemories(source, filter, (read, total) => update(read, total)),
    );
    return { label: `the Mem0 Platform project at ${source.baseUrl}`, raw };
  }
  const source = ossHttp(options.fromOss!, options.mem0ApiKey, retrying('Mem0 server'));
  const progress = progressBar('Reading  ', options.progress);
  const raw = await reading(progress, (update) =>
    readOssMemories(source, filter, {
      onScope: (done, total) => update(done, total),
      warn: (message) => progress.log(`warning: ${message}`),
    }),
  );
  return { label: `the Mem0 server at ${source.baseUrl}`, raw };
}

/** Runs a read with a bar whose total the first update tells. */
async function reading<T>(
  progress: Progress,
  read: (update: (value: number, total: number) => void) => Promise<T>,
): Promise<T> {
  let started = false;
  try {
    return await read((value, total) => {
      if (!started) progress.start(total);
      started = true;
      progress.update(value, undefined, total);
    });
  } finally {
    progress.stop();
  }
}

function toEntries(raw: unknown[], filter: ScopeFilter): SourceEntry[] {
  const entries: SourceEntry[] = [];
  raw.forEach((memory, index) => {
    const normalised = toImportItem(memory);
    if ('problem' in normalised) entries.push({ index, problem: normalised.problem });
    else if (matchesScope(normalised.item, filter)) entries.push({ index, item: normalised.item });
  });
  return entries;
}

function sendTo(target: JsonHttp) {
  return (items: ImportItem[]) =>
    target.request<ImportAnswer>({
      method: 'POST',
      path: '/v1/memories/import/',
      body: { memories: items },
      timeoutMs: 120_000,
    });
}

function jsonSummary(source: string, summary: ImportSummary) {
  return {
    source,
    read: summary.read,
    imported: summary.imported,
    duplicates: summary.duplicates,
    failed: summary.failed,
    not_attempted: summary.notAttempted,
    interrupted: summary.interrupted,
    stopped_because: summary.stoppedBecause ?? null,
    elapsed_ms: summary.elapsedMs,
    failures: summary.failures,
    duplicate_items: summary.duplicateItems,
    replaced_ids: summary.replacedIds,
  };
}

async function writeReport(path: string, source: string, summary: ImportSummary): Promise<void> {
  await writeFile(path, `${JSON.stringify(jsonSummary(source, summary), null, 2)}\n`);
}

export function textSummary(source: string, summary: ImportSummary, report?: string): string {
  const seconds = summary.elapsedMs / 1000;
  const handled = summary.imported + summary.duplicates + summary.failed;
  const rate = seconds > 0 ? Math.round(handled / seconds) : handled;
  const lines = [
    `Read ${count(summary.read)} memories from ${source}.`,
    `Imported ${count(summary.imported)}, skipped ${count(summary.duplicates)} as duplicates, ` +
      `failed ${count(summary.failed)}` +
      (summary.notAttempted > 0 ? `, not sent ${count(summary.notAttempted)}` : '') +
      ` (${seconds.toFixed(1)} s, ${count(rate)}/s).`,
  ];
  if (summary.replacedIds.length > 0) {
    lines.push(
      `${count(summary.replacedIds.length)} memories had ids that are not UUIDs and got ids derived from them.`,
    );
  }
  if (summary.failures.length > 0) {
    lines.push('Failed:');
    for (const failure of summary.failures.slice(0, listedFailures)) {
      const id = failure.id ? ` (id ${failure.id})` : '';
      lines.push(`  #${failure.index}${id}: ${failure.reason}`);
    }
    const more = summary.failures.length - listedFailures;
    if (more > 0) {
      lines.push(
        `  ... and ${count(more)} more${report ? ` (all in ${report})` : ' (--report FILE lists them all)'}`,
      );
    }
  }
  if (summary.stoppedBecause) lines.push(`Stopped: ${summary.stoppedBecause}`);
  if (summary.interrupted) lines.push('Interrupted.');
  if (summary.notAttempted > 0) {
    lines.push(
      'Run the same command again to import the rest: memories already imported are skipped as duplicates.',
    );
  }
  return `${lines.join('\n')}\n`;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}
