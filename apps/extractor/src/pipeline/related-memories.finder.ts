import { Inject, Injectable } from '@nestjs/common';
import { scopeFields, type AddJob } from '@mnemo/contracts';
import { EmbedderClient, VectorStoreClient } from '@mnemo/clients';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { ExtractorConfig } from '../config/extractor.config';
import type { ExistingMemory } from '../extraction-steps';
import { ExtractorMetrics } from './extractor.metrics';

/** The facts' vectors (as the embedder answered them) and the memories of the scope they relate to. */
export interface RelatedMemories {
  model: string;
  /** base64 float32, one per fact, in order */
  vectors: string[];
  existing: ExistingMemory[];
}

/** Step 2 of Mem0's add: for each fact, the most related memories of the same scope. */
@Injectable()
export class RelatedMemoriesFinder {
  constructor(
    private readonly embedder: EmbedderClient,
    private readonly vectorStore: VectorStoreClient,
    private readonly metrics: ExtractorMetrics,
    @Inject(APP_CONFIG) private readonly config: ExtractorConfig,
  ) {}

  /**
   * One embedding request for every fact of the add. They are embedded as documents: the lookup
   * compares stored texts with stored texts, and the same vectors are then written with the facts.
   */
  async find(job: AddJob, facts: string[]): Promise<RelatedMemories> {
    const { model, vectors } = await this.embedder.embedDocumentsEncoded(facts);
    this.metrics.embedded(facts.length);
    const filters = scopeFields(job.scope);
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
    return { model, vectors, existing: [...byId.values()] };
  }
}
