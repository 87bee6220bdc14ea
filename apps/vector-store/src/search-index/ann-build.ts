import { AnnScope, changedForAnn } from './ann-scope';
import type { ScopeIndex } from './scope-index';

/** Nodes added between two turns of the event loop while a graph is built (a few ms of work). */
const buildSliceNodes = 128;

/**
 * Gives the scope an HNSW graph, built in slices so other searches go on meanwhile (answered
 * exactly until it is ready). Writes applied during the build reach the graph through the scope;
 * a memory they replaced or removed is skipped here. Stops early when `current()` turns false.
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
  let added = 0;
  for (const memory of [...scope.memories.values()]) {
    if (scope.memories.get(memory.record.id) !== memory) continue;
    ann.add(memory);
    if (++added % buildSliceNodes === 0) {
      await nextTurnOfTheLoop();
      if (!current() || scope.ann !== ann) return false;
    }
  }
  ann.ready = true;
  return true;
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

function nextTurnOfTheLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
