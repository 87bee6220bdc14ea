// A graph build's worker thread (see ann-graph.builder.ts): inserts the job's slots, each from
// its row in the scope's shared vector chunks, saves the graph to the job's file and says so.
import { parentPort, workerData } from 'node:worker_threads';
import { Index } from 'usearch';
import type { GraphBuildWork } from './ann-graph.builder';

const work = workerData as GraphBuildWork;
const dims = work.config.dimensions;
const chunks = work.chunks.map((chunk) => new Float32Array(chunk));
const index = new Index(work.config);
for (const slot of work.slots) {
  const offset = (slot % work.chunkRows) * dims;
  index.add(
    BigInt(slot),
    chunks[Math.floor(slot / work.chunkRows)].subarray(offset, offset + dims),
  );
}
index.save(work.path);
parentPort?.postMessage('saved');
