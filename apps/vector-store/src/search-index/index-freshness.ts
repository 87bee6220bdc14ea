import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MemoryVersionsRepository } from '../memories/memory-versions.repository';
import { SearchIndex } from './search-index';
import type { IndexChange } from './scope-index';

/** The write side of the index: each write transaction stamps a version, then updates the index. */
@Injectable()
export class IndexFreshness {
  constructor(
    private readonly versions: MemoryVersionsRepository,
    private readonly index: SearchIndex,
  ) {}

  /** The last statement of a memory write transaction, so its row lock is held briefly. */
  stamp(manager: EntityManager, projectId: string): Promise<number> {
    return this.versions.bump(manager, projectId);
  }

  /** After commit and before the write answers, so a search that starts later sees it here. */
  committed(projectId: string, version: number, change: IndexChange): void {
    this.index.applyWrite(projectId, version, change);
  }
}

export function emptyChange(): IndexChange {
  return { upserts: [], deletes: [] };
}
