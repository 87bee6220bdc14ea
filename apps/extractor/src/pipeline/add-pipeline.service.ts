import { Inject, Injectable } from '@nestjs/common';
import type { AddJob, AddResult, JsonObject, WriteOp } from '@mnemo/contracts';
import { EmbedderClient, VectorStoreClient } from '@mnemo/clients';
import {
  FACT_EXTRACTOR,
  PROCEDURAL_SUMMARIZER,
  UPDATE_DECIDER,
} from '../extraction/extraction.tokens';
import type {
  ExistingMemory,
  FactExtractor,
  MemoryDecision,
  ProceduralSummarizer,
  UpdateDecider,
} from '../extraction/extraction.types';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { ExtractorConfig } from '../config/extractor.config';
import { SharedSettings } from './shared-settings';

/** Mem0's classic add: extract facts, fetch related memories, decide, write once. */
@Injectable()
export class AddPipelineService {
  constructor(
    @Inject(FACT_EXTRACTOR) private readonly extractor: FactExtractor,
    @Inject(UPDATE_DECIDER) private readonly decider: UpdateDecider,
    @Inject(PROCEDURAL_SUMMARIZER) private readonly summarizer: ProceduralSummarizer,
    private readonly embedder: EmbedderClient,
    private readonly vectorStore: VectorStoreClient,
    private readonly settings: SharedSettings,
    @Inject(APP_CONFIG) private readonly config: ExtractorConfig,
  ) {}

  async run(job: AddJob): Promise<AddResult[]> {
    if (job.memoryType === 'procedural_memory' && job.scope.agentId) return this.procedural(job);
    const facts = await this.extractor.extractFacts({
      messages: job.messages,
      customInstructions: job.prompt ?? (await this.settings.customInstructions()),
      agentMemory: Boolean(job.scope.agentId) && job.messages.some((m) => m.role === 'assistant'),
      today: job.occurredAt.slice(0, 10),
    });
    if (facts.length === 0) return [];
    const existing = await this.related(job, facts);
    const decisions = await this.decider.decide({ facts, existing });
    return this.write(job, decisions.flatMap(toOp));
  }

  private async procedural(job: AddJob): Promise<AddResult[]> {
    const summary = await this.summarizer.summarize(job.messages, job.prompt);
    const metadata: JsonObject = { ...job.metadata, memory_type: 'procedural_memory' };
    return this.write(
      { ...job, metadata },
      summary.trim() ? [{ op: 'ADD', text: summary.trim() }] : [],
    );
  }

  /** The top related memories of the same scope for each fact, without repeats. */
  private async related(job: AddJob, facts: string[]): Promise<ExistingMemory[]> {
    const { model, vectors } = await this.embedder.embedQueries(facts);
    const filters = scopeFilters(job);
    const perFact = await Promise.all(
      facts.map((fact, index) =>
        this.vectorStore.search({
          projectId: job.projectId,
          filters,
          filterDialect: 'oss',
          queryText: fact,
          queryVector: vectors[index] ?? '',
          model,
          topK: this.config.MNEMO_RELATED_PER_FACT,
          threshold: 0,
          explain: false,
          showExpired: false,
        }),
      ),
    );
    const byId = new Map<string, ExistingMemory>();
    for (const memory of perFact.flat())
      byId.set(memory.id, { id: memory.id, text: memory.memory });
    return [...byId.values()];
  }

  private async write(job: AddJob, ops: WriteOp[]): Promise<AddResult[]> {
    if (ops.length === 0) return [];
    const { results } = await this.vectorStore.apply({
      eventId: job.eventId,
      projectId: job.projectId,
      occurredAt: job.occurredAt,
      requestId: job.requestId,
      scope: job.scope,
      metadata: job.metadata,
      expirationDate: job.expirationDate ?? null,
      ops,
    });
    return results;
  }
}

function toOp(decision: MemoryDecision): WriteOp[] {
  switch (decision.event) {
    case 'ADD':
      return [{ op: 'ADD', text: decision.text }];
    case 'UPDATE':
      return [{ op: 'UPDATE', memoryId: decision.id, text: decision.text }];
    case 'DELETE':
      return [{ op: 'DELETE', memoryId: decision.id }];
    case 'NONE':
      return [];
  }
}

function scopeFilters(job: AddJob): JsonObject {
  const { userId, agentId, appId, runId } = job.scope;
  const entries = Object.entries({
    user_id: userId,
    agent_id: agentId,
    app_id: appId,
    run_id: runId,
  });
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}
