import type { ImportAnswer } from '@mnemo/contracts';
import { ApiError } from './http-json';
import type { ImportItem } from './memory-shape';
import type { Progress } from './progress';

/** Sends one batch to `POST /v1/memories/import/`. */
export type SendBatch = (items: ImportItem[]) => Promise<ImportAnswer>;

/** One memory read from the source: ready to send, or refused before sending. */
export interface SourceEntry {
  /** position in the source (0-based) */
  index: number;
  item?: ImportItem;
  problem?: string;
}

export interface ItemReport {
  index: number;
  id?: string;
  reason: string;
}

export interface ImportSummary {
  read: number;
  imported: number;
  duplicates: number;
  failed: number;
  /** not sent, or sent without an answer, because the run stopped */
  notAttempted: number;
  failures: ItemReport[];
  duplicateItems: ItemReport[];
  /** ids the server replaced (the source's was not a UUID): source id -> Mnemo id */
  replacedIds: { index: number; source_id: string; id: string }[];
  /** why the run stopped early */
  stoppedBecause?: string;
  interrupted: boolean;
  elapsedMs: number;
}

export interface ImportOptions {
  /** memories per request (the route takes at most 1000) */
  batchSize: number;
  /** requests in flight at once */
  concurrency: number;
  /** JSON bytes per request at most; the route refuses a batch over 400 KiB */
  maxBatchBytes?: number;
  progress: Progress;
  /** becomes true to stop: batches in flight finish, no new one starts */
  stopRequested?: () => boolean;
}

const defaultBatchBytes = 256 * 1024;

/**
 * Sends the entries in batches, a few at once, and tallies what the server did with each memory.
 * A batch the server finds too large, or fails on as a whole, is split in halves and sent again,
 * so one bad memory fails alone. A server that stays unreachable, or refuses the key, stops the
 * run: what was not answered counts as not attempted, and running the same import again resumes
 * (the memories already there come back as duplicates).
 */
export async function importEntries(
  entries: SourceEntry[],
  send: SendBatch,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = Date.now();
  const summary: ImportSummary = {
    read: entries.length,
    imported: 0,
    duplicates: 0,
    failed: 0,
    notAttempted: 0,
    failures: [],
    duplicateItems: [],
    replacedIds: [],
    interrupted: false,
    elapsedMs: 0,
  };
  const ready: { index: number; item: ImportItem }[] = [];
  for (const entry of entries) {
    if (entry.item) ready.push({ index: entry.index, item: entry.item });
    else fail(summary, entry.index, undefined, entry.problem ?? 'unreadable');
  }
  const queue = batches(ready, options.batchSize, options.maxBatchBytes ?? defaultBatchBytes);
  const { progress } = options;
  const done = () => summary.imported + summary.duplicates + summary.failed;
  const counts = () => ({
    imported: summary.imported,
    duplicates: summary.duplicates,
    failed: summary.failed,
  });
  progress.start(entries.length);
  progress.update(done(), counts());
  const stop = () => summary.stoppedBecause !== undefined || !!options.stopRequested?.();

  const sendBatch = async (batch: { index: number; item: ImportItem }[]): Promise<void> => {
    try {
      const answer = await send(batch.map((entry) => entry.item));
      tally(summary, batch, answer);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const splittable = error.status === 413 || error.status === 500;
      if (splittable && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        queue.unshift(batch.slice(0, half), batch.slice(half));
        return;
      }
      if (splittable || error.status === 400 || error.status === 422) {
        for (const entry of batch) fail(summary, entry.index, entry.item.id, error.detail);
        return;
      }
      summary.stoppedBecause ??= error.message;
      summary.notAttempted += batch.length;
    }
    progress.update(done(), counts());
  };

  const worker = async () => {
    while (queue.length > 0 && !stop()) {
      await sendBatch(queue.shift()!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  summary.notAttempted += queue.reduce((sum, batch) => sum + batch.length, 0);
  summary.interrupted = !!options.stopRequested?.();
  progress.update(done(), counts());
  progress.stop();
  summary.failures.sort((a, b) => a.index - b.index);
  summary.duplicateItems.sort((a, b) => a.index - b.index);
  summary.elapsedMs = Date.now() - started;
  return summary;
}

/** Consecutive entries, at most `size` and `maxBytes` of JSON per batch (one entry at least). */
export function batches<T extends { item: ImportItem }>(
  entries: T[],
  size: number,
  maxBytes: number,
): T[][] {
  const result: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const entryBytes = Buffer.byteLength(JSON.stringify(entry.item)) + 1;
    if (current.length > 0 && (current.length >= size || bytes + entryBytes > maxBytes)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += entryBytes;
  }
  if (current.length > 0) result.push(current);
  return result;
}

function tally(
  summary: ImportSummary,
  batch: { index: number; item: ImportItem }[],
  answer: ImportAnswer,
): void {
  const byPosition = new Map(answer.results.map((outcome) => [outcome.index, outcome]));
  batch.forEach((entry, position) => {
    const outcome = byPosition.get(position);
    if (!outcome) {
      fail(summary, entry.index, entry.item.id, 'the server gave no outcome for it');
      return;
    }
    if (outcome.source_id !== undefined && outcome.id !== undefined) {
      summary.replacedIds.push({
        index: entry.index,
        source_id: outcome.source_id,
        id: outcome.id,
      });
    }
    switch (outcome.status) {
      case 'IMPORTED':
        summary.imported += 1;
        break;
      case 'DUPLICATE':
        summary.duplicates += 1;
        summary.duplicateItems.push({
          index: entry.index,
          id: outcome.id ?? entry.item.id,
          reason: outcome.reason ?? 'already there',
        });
        break;
      case 'FAILED':
        fail(summary, entry.index, entry.item.id, outcome.reason ?? 'failed');
        break;
    }
  });
}

function fail(summary: ImportSummary, index: number, id: string | undefined, reason: string) {
  summary.failed += 1;
  summary.failures.push(id === undefined ? { index, reason } : { index, id, reason });
}
