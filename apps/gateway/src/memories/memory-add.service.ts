import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  memoryWriteRequestedContract,
  streams,
  type AddCompleted,
  type JsonObject,
  type Scope,
} from '@mnemo/contracts';
import { currentBusContext, JobQueue } from '@mnemo/messaging';
import { APP_CONFIG } from '@mnemo/service-kit';
import { AddCompletions } from '../clients/add-completions';
import type { GatewayConfig } from '../config/gateway.config';

export interface AddMessage {
  role: string;
  content: string;
  name?: string;
}

export interface AddInput {
  projectId: string;
  scope: Scope;
  messages: AddMessage[];
  metadata: JsonObject;
  expirationDate?: string | null;
}

/** Turns an accepted add into a durable job and, for synchronous callers, waits for its outcome. */
@Injectable()
export class MemoryAddService {
  private streamReady?: Promise<void>;

  constructor(
    private readonly jobs: JobQueue,
    private readonly completions: AddCompletions,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** `infer: false`: every non-system message becomes a memory as it is. */
  async addVerbatim(input: AddInput): Promise<AddCompleted> {
    const ops = input.messages
      .filter((message) => message.role !== 'system' && message.content.trim() !== '')
      .map((message) => ({
        op: 'ADD' as const,
        text: message.content,
        role: message.role,
        actorId: message.name,
      }));
    const eventId = randomUUID();
    if (ops.length === 0) {
      return this.emptyCompletion(input.projectId, eventId);
    }
    await (this.streamReady ??= this.jobs.ensureStream(streams.memoryWrites));
    const waiting = this.completions.expect(eventId, this.config.MNEMO_SYNC_ADD_TIMEOUT_MS);
    try {
      await this.jobs.publish(
        memoryWriteRequestedContract,
        {
          eventId,
          projectId: input.projectId,
          occurredAt: new Date().toISOString(),
          requestId: currentBusContext().requestId,
          scope: input.scope,
          metadata: input.metadata,
          expirationDate: input.expirationDate ?? null,
          ops,
        },
        eventId,
      );
    } catch (err) {
      this.completions.cancel(eventId);
      throw new DomainError(
        'unavailable',
        `could not queue the add: ${(err as Error).message}`,
        true,
      );
    }
    const completion = await waiting;
    if (completion.status === 'FAILED' && completion.error)
      throw DomainError.fromBody(completion.error);
    return completion;
  }

  private emptyCompletion(projectId: string, eventId: string): AddCompleted {
    return {
      eventId,
      projectId,
      occurredAt: new Date().toISOString(),
      status: 'SUCCEEDED',
      results: [],
    };
  }
}
