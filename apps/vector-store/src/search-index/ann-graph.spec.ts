import { readdirSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '@mnemo/contracts';
import { AnnGraph } from './ann-graph';
import { sweepStaleFiles } from './ann-graph.builder';
import { SlotVectors } from './slot-vectors';

describe(AnnGraph.name, () => {
  const dims = 16;
  const random = mulberry32(11);
  const unit = () => {
    const vector = Float32Array.from({ length: dims }, () => random() - 0.5);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  };
  const graphOf = (count: number) => {
    const vectors = new SlotVectors(dims);
    const graph = new AnnGraph(dims, 64, vectors);
    for (let slot = 0; slot < count; slot++) {
      vectors.put(slot, unit());
      graph.put(slot);
    }
    return { vectors, graph };
  };
  // The files the workers handed their graphs over in.
  const leftFiles = () =>
    readdirSync(tmpdir()).filter((f) => f.startsWith(`mnemo-ann-${process.pid}-`));
  const all = (graph: AnnGraph, vectors: SlotVectors) => graph.nearest(vectors.row(0), 10_000);

  it('builds in a worker the slots put before, then applies the puts and removes made meanwhile', async () => {
    const { vectors, graph } = graphOf(300);
    graph.remove(3); // before the build: never in the worker's graph
    expect(graph.nearest(vectors.row(0), 1)).toEqual([]);
    const building = graph.build(() => true);
    // While the worker runs: a new node, and the removal of one the worker inserts.
    vectors.put(300, unit());
    graph.put(300);
    graph.remove(5);
    expect(await building).toBe(true);
    expect(graph.size).toBe(299);
    expect(graph.tombstones).toBe(1);
    expect(graph.nearest(vectors.row(300), 1)).toEqual([300]);
    expect(graph.nearest(vectors.row(42), 1)).toEqual([42]);
    const held = all(graph, vectors);
    expect(held).toHaveLength(299);
    expect(held).not.toContain(3);
    expect(held).not.toContain(5);
    expect(leftFiles()).toEqual([]);
    // Built: changes go straight into the graph.
    graph.remove(42);
    vectors.put(301, unit());
    graph.put(301);
    expect(graph.nearest(vectors.row(301), 1)).toEqual([301]);
    expect(all(graph, vectors)).not.toContain(42);
  });

  it('keeps the event loop turning while the worker builds', async () => {
    const { graph } = graphOf(20_000);
    let turns = 0;
    const ticker = setInterval(() => turns++, 5);
    try {
      expect(await graph.build(() => true)).toBe(true);
    } finally {
      clearInterval(ticker);
    }
    expect(graph.size).toBe(20_000);
    expect(turns).toBeGreaterThan(3);
  });

  it('gives up, with no graph, when its scope no longer wants it', async () => {
    const { vectors, graph } = graphOf(20_000);
    let wanted = true;
    const building = graph.build(() => wanted);
    setTimeout(() => (wanted = false), 100); // the worker is running by then
    expect(await building).toBe(false);
    expect(leftFiles()).toEqual([]);
    expect(graph.nearest(vectors.row(0), 1)).toEqual([]);
  });

  it('builds an empty graph without a worker', async () => {
    const vectors = new SlotVectors(dims);
    const graph = new AnnGraph(dims, 64, vectors);
    expect(await graph.build(() => true)).toBe(true);
    vectors.put(0, unit());
    graph.put(0);
    expect(graph.nearest(vectors.row(0), 1)).toEqual([0]);
  });

  it('removes hand-over files a killed process left, not one being handed over', async () => {
    const stale = join(tmpdir(), `mnemo-ann-999999-stale-${process.pid}.usearch`);
    const fresh = join(tmpdir(), `mnemo-ann-999999-fresh-${process.pid}.usearch`);
    writeFileSync(stale, 'x');
    writeFileSync(fresh, 'x');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(stale, hourAgo, hourAgo);
    await sweepStaleFiles();
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    await sweepStaleFiles(Date.now() + 3_600_000);
    expect(existsSync(fresh)).toBe(false);
  });
});
