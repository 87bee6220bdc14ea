import { Inject, Injectable } from '@nestjs/common';
import type { JsonObject, MemorySummaryItem } from '@mnemo/contracts';
import type { Logger } from '@mnemo/observability';
import { LOGGER } from '@mnemo/service-kit';
import { LLM, type OptionalLlm } from '../llm/llm.token';
import { MemorySource } from '../memories/memory-source';
import { localSummaryOf } from './local-summary.writer';
import { summariesFromLlm } from './llm-summary.writer';
import { groupMemories, type MemoryGroup } from './topic-grouping';

/** Summaries of a project's memories, one per category or topic. */
@Injectable()
export class MemorySummaryService {
  constructor(
    private readonly source: MemorySource,
    @Inject(LLM) private readonly llm: OptionalLlm,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async summarize(projectId: string, filters: JsonObject): Promise<MemorySummaryItem[]> {
    const { memories } = await this.source.collect(projectId, filters);
    const groups = groupMemories(memories);
    const written = await this.fromLlm(groups);
    return groups.map((group) => ({
      category: group.category,
      summary: written.get(group.category) ?? localSummaryOf(group),
      memoryCount: group.memories.length,
    }));
  }

  private async fromLlm(groups: MemoryGroup[]): Promise<Map<string, string>> {
    if (!this.llm || groups.length === 0) return new Map();
    try {
      return await summariesFromLlm(this.llm, groups);
    } catch (err) {
      this.logger.warn({ err }, 'LLM summary failed; using the local summaries');
      return new Map();
    }
  }
}
