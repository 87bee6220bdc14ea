import { setImmediate as nextTurnOfTheLoop } from 'node:timers/promises';
import { AnnScope, changedForAnn } from './ann-scope';
import type { ScopeIndex } from './scope-index';

/** Memories put into the postings and vector rows between two turns of the event loop. */
const fillSliceMemories = 1024;

/**
 * Gives the scope an HNSW graph: its postings and vector rows filled in slices, the graph built
 * in a worker thread, so other searches go on meanwhile (this scope's answered exactly until it
 * is ready). Stops early when `current()` turns false.
 */
export async function buildAnn(
  scope: ScopeIndex,
  expansionSearch: number,
  current: () => boolean,
): Promise<boolean> {
  const first = scope.memories.values().next().value;
  if (!first) return false;
  const ann = new AnnScope(first.embeddingModel, first.embedding.length, expansionSearch);
  scope.ann = ann;
  if (!(await fill(scope, ann, () => current() && scope.ann === ann))) return false;
  ann.ready = true;
  return true;
}

/**
 * Replaces a worn graph (more removed nodes than live ones, from updates and deletes applied in
 * place) with a fresh one, built beside it: searches keep using the worn graph, which is still
 * right, only larger and slower, until the new one takes over.
 */
export async function rebuildAnn(
  scope: ScopeIndex,
  expansionSearch: number,
  current: () => boolean,
): Promise<boolean> {
  const worn = scope.ann;
  if (!worn?.ready || scope.rebuilding) return false;
  const ann = new AnnScope(worn.model, worn.graph.dimensions, expansionSearch);
  scope.rebuilding = ann;
  try {
    if (!(await fill(scope, ann, () => current() && scope.rebuilding === ann))) return false;
    ann.ready = true;
    scope.ann = ann;
    return true;
  } finally {
    if (scope.rebuilding === ann) scope.rebuilding = undefined;
  }
}

// Writes applied meanwhile reach `ann` through the scope; a memory they replaced or removed is
// skipped here.
async function fill(scope: ScopeIndex, ann: AnnScope, going: () => boolean): Promise<boolean> {
  let added = 0;
  for (const memory of [...scope.memories.values()]) {
    if (scope.memories.get(memory.record.id) !== memory) continue;
    ann.add(memory);
    if (++added % fillSliceMemories === 0) {
      await nextTurnOfTheLoop();
      if (!going()) return false;
    }
  }
  return ann.graph.build(going);
}

/**
 * A scope reloaded after another instance's write takes over the graph of the version it
 * replaces, changed only where the rows differ: a reload must not cost a rebuild.
 */
export function adoptAnn(scope: ScopeIndex, previous: ScopeIndex): boolean {
  const ann = previous.ann;
  if (!ann?.ready || ann.worn || scope.ann) return false;
  previous.ann = undefined;
  for (const [id, before] of previous.memories) {
    const after = scope.memories.get(id);
    if (!after || changedForAnn(before, after)) ann.remove(before);
  }
  scope.ann = ann;
  for (const memory of scope.memories.values()) ann.add(memory);
  return true;
}
