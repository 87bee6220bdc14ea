import { Inject, Injectable } from '@nestjs/common';
import { VectorStoreClient } from '@mnemo/clients';
import { entityIdsOf, parseFilters, type JsonObject, type MemoryRecord } from '@mnemo/contracts';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { StructuredDataConfig } from '../config/structured-data.config';

const pageSize = 500;

export interface ScopedMemories {
  /** newest first, at most the configured cap */
  memories: MemoryRecord[];
  /** the entity ids the filters name positively, to answer `user_id`-like properties */
  scope: { userId?: string; agentId?: string; appId?: string; runId?: string };
  /** more memories matched than were read */
  truncated: boolean;
}

/** A project's memories matching Platform filters, read page by page from the vector-store. */
@Injectable()
export class MemorySource {
  private readonly cap: number;

  constructor(
    private readonly vectorStore: VectorStoreClient,
    @Inject(APP_CONFIG) config: StructuredDataConfig,
  ) {
    this.cap = config.MNEMO_STRUCTURED_MAX_MEMORIES;
  }

  /** Throws `validation_failed` when the filters do not parse. */
  scopeOf(filters: JsonObject): ScopedMemories['scope'] {
    const ids = entityIdsOf(parseFilters(filters, { dialect: 'platform' }));
    // Only a single id per field says whose data this is.
    const only = (values: string[]) => (values.length === 1 ? values[0] : undefined);
    return {
      userId: only(ids.user_id),
      agentId: only(ids.agent_id),
      appId: only(ids.app_id),
      runId: only(ids.run_id),
    };
  }

  async collect(projectId: string, filters: JsonObject): Promise<ScopedMemories> {
    const scope = this.scopeOf(filters);
    const memories: MemoryRecord[] = [];
    let total = 0;
    for (let offset = 0; offset < this.cap; offset += pageSize) {
      const page = await this.vectorStore.list({
        projectId,
        filters,
        filterDialect: 'platform',
        limit: Math.min(pageSize, this.cap - offset),
        offset,
      });
      memories.push(...page.results);
      total = page.total;
      if (page.results.length === 0 || memories.length >= total) break;
    }
    return { memories, scope, truncated: total > memories.length };
  }
}
