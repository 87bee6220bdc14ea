import { Inject, Injectable } from '@nestjs/common';
import type { AddJob, AddResult, JsonObject, WriteOp } from '@mnemo/contracts';
import { EmbedderClient, VectorStoreClient } from '@mnemo/clients';
import {
  CATEGORY_ASSIGNER,
  FACT_EXTRACTOR,
  PROCEDURAL_SUMMARIZER,
  UPDATE_DECIDER,
} from '../extraction/extraction.tokens';
import {
  maxFactsPerAdd,
  type ExistingMemory,
  type FactExtractor,
  type MemoryDecision,
  type ProceduralSummarizer,
  type UpdateDecider,
} from '../extraction/extraction.types';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { CategoryAssigner, CategoryDefinition } from '../categories/category-assigner';
import { defaultCategories } from '../categories/default-categories';
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
    @Inject(CATEGORY_ASSIGNER) private readonly categories: CategoryAssigner,
    @Inject(APP_CONFIG) private readonly config: ExtractorConfig,
  ) {}

  async run(job: AddJob): Promise<AddResult[]> {
    if (job.memoryType === 'procedural_memory' && job.scope.agentId) return this.procedural(job);
    if (!job.infer) return this.write(job, verbatimOps(job));
    const extracted = await this.extractor.extractFacts({
      messages: job.messages,
      customInstructions: job.prompt ?? (await this.settings.customInstructions()),
      agentMemory: Boolean(job.scope.agentId) && job.messages.some((m) => m.role === 'assistant'),
      today: job.occurredAt.slice(0, 10),
    });
    const facts = extracted.slice(0, maxFactsPerAdd);
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

  /** Categories for every text written, chosen from the project's (or request's) list or Mem0's. */
  private async categorise(job: AddJob, ops: WriteOp[]): Promise<WriteOp[]> {
    const texts = ops.flatMap((op) => (op.op === 'DELETE' ? [] : [op.text]));
    if (texts.length === 0) return ops;
    const assigned = await this.categories.assign(texts, categoryList(job));
    let next = 0;
    return ops.map((op) =>
      op.op === 'DELETE' ? op : { ...op, categories: assigned[next++] ?? [] },
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

  private async write(job: AddJob, uncategorised: WriteOp[]): Promise<AddResult[]> {
    if (uncategorised.length === 0) return [];
    const ops = await this.categorise(job, uncategorised);
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

/** `infer: false`: every non-system message becomes a memory as it is. */
function verbatimOps(job: AddJob): WriteOp[] {
  return job.messages
    .filter((message) => message.role !== 'system' && message.content.trim() !== '')
    .map((message) => ({
      op: 'ADD',
      text: message.content,
      role: message.role,
      actorId: message.name,
    }));
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

function categoryList(job: AddJob): CategoryDefinition[] {
  if (!job.customCategories || job.customCategories.length === 0) return defaultCategories;
  return job.customCategories.flatMap((entry) =>
    Object.entries(entry).map(([name, description]) => ({ name, description })),
  );
}
