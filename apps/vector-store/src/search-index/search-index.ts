import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { VectorStoreConfig } from '../config/vector-store.config';
import { rebuildAnn } from './ann-build';
import type { IndexChange, ScopeIndex } from './scope-index';

export interface SearchIndexStats {
  bytes: number;
  scopes: number;
  memories: number;
  /** scopes answered from an HNSW graph */
  annScopes: number;
}

/**
 * Loaded scopes within `MNEMO_INDEX_MEMORY_MB`, least recently searched evicted first. A scope is
 * served only at the project version it was loaded or advanced to; any other version reloads it.
 */
@Injectable()
export class SearchIndex {
  private readonly scopes: LRUCache<string, ScopeIndex>;
  // Keys may outlive their scope after eviction; they are pruned when the project is next written.
  private readonly keysByProject = new Map<string, Set<string>>();

  constructor(@Inject(APP_CONFIG) private readonly config: VectorStoreConfig) {
    this.scopes = new LRUCache<string, ScopeIndex>({
      maxSize: Math.floor(config.MNEMO_INDEX_MEMORY_MB * 1024 * 1024),
      sizeCalculation: (scope) => Math.max(1, Math.ceil(scope.totalBytes)),
    });
  }

  /** The scope at exactly this version, or nothing. */
  get(key: string, version: number): ScopeIndex | undefined {
    const scope = this.scopes.get(key);
    return scope?.version === version ? scope : undefined;
  }

  /** The scope held under this key at whatever version, without touching its recency. */
  peek(key: string): ScopeIndex | undefined {
    return this.scopes.peek(key);
  }

  /** Counts a held scope's new size (its graph was built) against the budget. */
  resized(scope: ScopeIndex): void {
    if (this.scopes.peek(scope.scope.key) === scope) this.reset(scope);
  }

  /** Keeps a loaded scope unless it alone exceeds the budget. */
  put(scope: ScopeIndex): void {
    const current = this.scopes.peek(scope.scope.key);
    if (current && current.version > scope.version) return;
    this.scopes.set(scope.scope.key, scope);
    const { projectId, key } = scope.scope;
    const keys = this.keysByProject.get(projectId) ?? new Set<string>();
    keys.add(key);
    this.keysByProject.set(projectId, keys);
  }

  /**
   * After this instance committed `version`: scopes at the version before advance in place, newer
   * ones already hold it, older ones are dropped (another instance wrote in between).
   */
  applyWrite(projectId: string, version: number, change: IndexChange): void {
    const keys = this.keysByProject.get(projectId);
    if (!keys) return;
    for (const key of keys) {
      const scope = this.scopes.peek(key);
      if (!scope) {
        keys.delete(key);
      } else if (scope.version < version) {
        this.advance(scope, version, change);
      }
    }
    if (keys.size === 0) this.keysByProject.delete(projectId);
  }

  private advance(scope: ScopeIndex, version: number, change: IndexChange): void {
    if (scope.version !== version - 1 || !scope.apply(change)) {
      this.scopes.delete(scope.scope.key);
      return;
    }
    scope.version = version;
    this.reset(scope);
    if (scope.ann?.worn) this.rebuild(scope);
  }

  /** A graph worn by writes applied in place is rebuilt beside it, then counted anew. */
  private rebuild(scope: ScopeIndex): void {
    const held = () => this.scopes.peek(scope.scope.key) === scope;
    rebuildAnn(scope, this.config.MNEMO_SEARCH_ANN_CANDIDATES, held)
      .then((rebuilt) => {
        if (rebuilt) this.resized(scope);
      })
      // rebuildAnn clears `rebuilding` itself; the worn graph keeps serving and the next write
      // past the threshold tries again.
      .catch(() => undefined);
  }

  // lru-cache keeps the size it computed when the same object is set again: only a fresh entry
  // counts a scope's new size against the budget (and drops the scope if it alone exceeds it).
  private reset(scope: ScopeIndex): void {
    this.scopes.delete(scope.scope.key);
    this.scopes.set(scope.scope.key, scope);
  }

  stats(): SearchIndexStats {
    let memories = 0;
    let annScopes = 0;
    for (const scope of this.scopes.values()) {
      memories += scope.memories.size;
      if (scope.ann?.ready) annScopes++;
    }
    return { bytes: this.scopes.calculatedSize, scopes: this.scopes.size, memories, annScopes };
  }
}
