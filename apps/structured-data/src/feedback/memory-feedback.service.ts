import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { VectorStoreClient } from '@mnemo/clients';
import {
  DomainError,
  type MemoryFeedback,
  type ParsedRequestOf,
  type recordMemoryFeedbackContract,
} from '@mnemo/contracts';
import { MemoryFeedbackEntity } from './memory-feedback.entity';
import { MemoryFeedbackRepository } from './memory-feedback.repository';

type FeedbackRequest = ParsedRequestOf<typeof recordMemoryFeedbackContract>;

/** Feedback on a memory: kept as one row per submission, for the memory's own project only. */
@Injectable()
export class MemoryFeedbackService {
  constructor(
    private readonly feedback: MemoryFeedbackRepository,
    private readonly vectorStore: VectorStoreClient,
  ) {}

  async record(request: FeedbackRequest): Promise<MemoryFeedback> {
    const memory = await this.vectorStore.get(request.projectId, request.memoryId);
    if (!memory) throw new DomainError('not_found', 'Memory not found');
    const entity = Object.assign(new MemoryFeedbackEntity(), {
      projectId: request.projectId,
      id: randomUUID(),
      memoryId: memory.id,
      feedback: request.feedback,
      feedbackReason: request.feedbackReason,
      createdAt: new Date(),
    } satisfies MemoryFeedbackEntity);
    await this.feedback.insert(entity);
    return {
      id: entity.id,
      memoryId: entity.memoryId,
      feedback: entity.feedback,
      feedbackReason: entity.feedbackReason,
    };
  }
}
