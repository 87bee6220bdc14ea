import { Inject, Injectable } from '@nestjs/common';
import type { AddJob, AddResult, JsonObject, WriteOp } from '@mnemo/contracts';
import { VectorStoreClient } from '@mnemo/clients';
import {
  FACT_EXTRACTOR,
  maxFactsPerAdd,
  PROCEDURAL_SUMMARIZER,
  UPDATE_DECIDER,
  type CategorisedFactExtractor,
  type MemoryDecision,
  type ProceduralSummarizer,
  type UpdateDecider,
} from '../extraction-steps';
import { RelatedMemoriesFinder } from './related-memories.finder';
import { SharedSettings } from './shared-settings';
import { categoryList, decisionOps, rules, verbatimOps } from './write-ops';

/**
 * Mem0's classic add in at most two model calls: facts with their categories, then (only when
 * the scope holds related memories) the update decisions; one embedding request, one write.
 */
@Injectable()
export class AddPipelineService {
  constructor(
    @Inject(FACT_EXTRACTOR) private readonly extractor: CategorisedFactExtractor,
    @Inject(UPDATE_DECIDER) private readonly decider: UpdateDecider,
    @Inject(PROCEDURAL_SUMMARIZER) private readonly summarizer: ProceduralSummarizer,
    private readonly related: RelatedMemoriesFinder,
    private readonly vectorStore: VectorStoreClient,
    private readonly settings: SharedSettings,
  ) {}

  async run(job: AddJob): Promise<AddResult[]> {
    if (job.memoryType === 'procedural_memory' && job.scope.agentId) return this.procedural(job);
    const categories = categoryList(job);
    if (!job.infer) return this.write(job, verbatimOps(job, categories));
    const extracted = await this.extractor.extract({
      messages: job.messages,
      customInstructions: job.prompt ?? (await this.settings.customInstructions()),
      agentMemory: Boolean(job.scope.agentId) && job.messages.some((m) => m.role === 'assistant'),
      today: job.occurredAt.slice(0, 10),
      categories,
    });
    const facts = extracted.slice(0, maxFactsPerAdd);
    if (facts.length === 0) return [];
    const texts = facts.map((fact) => fact.text);
    const { model, vectors, existing } = await this.related.find(job, texts);
    // Nothing related in the scope: every fact is new, and no model is needed to say so.
    const decisions: MemoryDecision[] =
      existing.length === 0
        ? texts.map((text) => ({ event: 'ADD', text }))
        : await this.decider.decide({ facts: texts, existing });
    return this.write(job, decisionOps(decisions, facts, vectors, categories), model);
  }

  private async procedural(job: AddJob): Promise<AddResult[]> {
    const summary = (await this.summarizer.summarize(job.messages, job.prompt)).trim();
    const metadata: JsonObject = { ...job.metadata, memory_type: 'procedural_memory' };
    const ops: WriteOp[] = summary
      ? [{ op: 'ADD', text: summary, categories: rules(summary, categoryList(job)) }]
      : [];
    return this.write({ ...job, metadata }, ops);
  }

  /** One write command; texts without a vector are embedded by the vector-store. */
  private async write(job: AddJob, ops: WriteOp[], embeddingModel?: string): Promise<AddResult[]> {
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
      ...(embeddingModel === undefined ? {} : { embeddingModel }),
    });
    return results;
  }
}
