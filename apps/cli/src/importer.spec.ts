import { ApiError } from './http-json';
import type { ImportAnswer } from '@mnemo/contracts';
import { batches, importEntries, type SourceEntry } from './importer';
import type { ImportItem } from './memory-shape';
import type { Progress } from './progress';

const silent: Progress = {
  start: () => undefined,
  update: () => undefined,
  stop: () => undefined,
  log: () => undefined,
};

const entries = (count: number): SourceEntry[] =>
  Array.from({ length: count }, (_, index) => ({
    index,
    item: { id: `id-${index}`, memory: `memory ${index}`, user_id: 'u' },
  }));

/** A server that imports everything but the memories `bad` names, and counts its requests. */
function server(bad: (item: ImportItem) => string | undefined = () => undefined) {
  const sent: number[] = [];
  const send = (items: ImportItem[]): Promise<ImportAnswer> => {
    sent.push(items.length);
    const results = items.map((item, index) => {
      const reason = bad(item);
      if (reason) return { index, status: 'FAILED' as const, reason };
      if (item.memory.endsWith(' 3')) {
        return { index, status: 'DUPLICATE' as const, id: item.id, reason: 'already there' };
      }
      return { index, status: 'IMPORTED' as const, id: item.id };
    });
    const count = (status: string) => results.filter((r) => r.status === status).length;
    return Promise.resolve({
      imported: count('IMPORTED'),
      duplicates: count('DUPLICATE'),
      failed: count('FAILED'),
      results,
    });
  };
  return { sent, send };
}

describe('importEntries', () => {
  it('sends batches and tallies imported, duplicate and failed memories with reasons', async () => {
    const { sent, send } = server((item) => (item.id === 'id-7' ? 'memory: too long' : undefined));
    const summary = await importEntries(
      [...entries(10), { index: 10, problem: 'not a JSON object' }],
      send,
      { batchSize: 4, concurrency: 2, progress: silent },
    );
    expect(sent).toEqual([4, 4, 2]);
    expect(summary).toMatchObject({
      read: 11,
      imported: 8,
      duplicates: 1,
      failed: 2,
      notAttempted: 0,
      interrupted: false,
      failures: [
        { index: 7, id: 'id-7', reason: 'memory: too long' },
        { index: 10, reason: 'not a JSON object' },
      ],
      duplicateItems: [{ index: 3, id: 'id-3', reason: 'already there' }],
    });
  });

  it('splits a batch the server finds too large or fails on, until the culprit fails alone', async () => {
    const sent: number[] = [];
    const { send: ok } = server();
    const send = (items: ImportItem[]) => {
      sent.push(items.length);
      if (items.length > 2) return Promise.reject(new ApiError(413, 'too large', 'http://x'));
      if (items.some((item) => item.id === 'id-5')) {
        return Promise.reject(new ApiError(500, 'database said no', 'http://x'));
      }
      return ok(items);
    };
    const summary = await importEntries(entries(8), send, {
      batchSize: 8,
      concurrency: 1,
      progress: silent,
    });
    expect(sent).toEqual([8, 4, 2, 2, 4, 2, 1, 1, 2]);
    expect(summary).toMatchObject({ imported: 6, duplicates: 1, failed: 1, notAttempted: 0 });
    expect(summary.failures).toEqual([{ index: 5, id: 'id-5', reason: 'database said no' }]);
  });

  it('stops when the server stays away, counting what was not sent', async () => {
    const { send: ok } = server();
    let calls = 0;
    const send = (items: ImportItem[]) =>
      ++calls === 2
        ? Promise.reject(new ApiError(503, 'No vector-store is running', 'http://x'))
        : ok(items);
    const summary = await importEntries(entries(10), send, {
      batchSize: 2,
      concurrency: 1,
      progress: silent,
    });
    expect(summary).toMatchObject({
      imported: 2,
      notAttempted: 8,
      stoppedBecause: '503: No vector-store is running',
    });
  });

  it('starts no batch once asked to stop', async () => {
    const { send } = server();
    let stop = false;
    const summary = await importEntries(
      entries(6),
      async (items) => {
        stop = true;
        return send(items);
      },
      { batchSize: 2, concurrency: 1, progress: silent, stopRequested: () => stop },
    );
    expect(summary).toMatchObject({ imported: 2, notAttempted: 4, interrupted: true });
  });
});

describe('batches', () => {
  it('cuts by count and by bytes, one entry at least', () => {
    const big = { item: { memory: 'x'.repeat(100) } };
    const small = { item: { memory: 'y' } };
    expect(batches([small, small, small], 2, 1000).map((b) => b.length)).toEqual([2, 1]);
    expect(batches([big, big, small], 10, 150).map((b) => b.length)).toEqual([1, 2]);
    expect(batches([big], 10, 10).map((b) => b.length)).toEqual([1]);
  });
});
