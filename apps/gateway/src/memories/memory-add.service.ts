import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  addRequestedContract,
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
  infer: boolean;
  memoryType?: 'procedural_memory';
  prompt?: string;
}

export interface AcceptedAdd {
  eventId: string;
  /** resolves when the add has been applied (or failed for good) */
  completion: Promise<AddCompleted>;
}

/** Turns an accepted add into a durable job; callers may wait for its outcome or not. */
@Injectable()
export class MemoryAddService {
  private readonly streamsReady = new Map<string, Promise<void>>();

  constructor(
    private readonly jobs: JobQueue,
    private readonly completions: AddCompletions,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Adds and waits for the result (the open-source server's behaviour and `async_mode: false`). */
  async addAndWait(input: AddInput): Promise<AddCompleted> {
    const completion = await (await this.accept(input)).completion;
    if (completion.status === 'FAILED' && completion.error)
      throw DomainError.fromBody(completion.error);
    return completion;
  }

  /** Queues the add durably; `infer: false` goes straight to the vector-store, the rest to the extractor. */
  async accept(input: AddInput): Promise<AcceptedAdd> {
    const eventId = randomUUID();
    const envelope = {
      eventId,
      projectId: input.projectId,
      occurredAt: new Date().toISOString(),
      requestId: currentBusContext().requestId,
    };
    const verbatim = !input.infer && input.memoryType === undefined;
    const ops = verbatim ? verbatimOps(input.messages) : [];
    if (verbatim && ops.length === 0) {
      return {
        eventId,
        completion: Promise.resolve({ ...envelope, status: 'SUCCEEDED', results: [] }),
      };
    }
    const completion = this.completions.expect(eventId, this.config.MNEMO_SYNC_ADD_TIMEOUT_MS);
    completion.catch(() => undefined);
    try {
      if (verbatim) {
        await this.ensure(streams.memoryWrites);
        const command = {
          ...envelope,
          scope: input.scope,
          metadata: input.metadata,
          expirationDate: input.expirationDate ?? null,
          ops,
        };
        await this.jobs.publish(memoryWriteRequestedContract, command, eventId);
      } else {
        await this.ensure(streams.addJobs);
        const job = {
          ...envelope,
          scope: input.scope,
          messages: input.messages,
          metadata: input.metadata,
          expirationDate: input.expirationDate ?? null,
          memoryType: input.memoryType,
          prompt: input.prompt,
        };
        await this.jobs.publish(addRequestedContract, job, eventId);
      }
    } catch (err) {
      this.completions.cancel(eventId);
      throw new DomainError(
        'unavailable',
        `could not queue the add: ${(err as Error).message}`,
        true,
      );
    }
    return { eventId, completion };
  }

  private ensure(stream: (typeof streams)[keyof typeof streams]): Promise<void> {
    let ready = this.streamsReady.get(stream.name);
    if (!ready) {
      ready = this.jobs.ensureStream(stream);
      ready.catch(() => this.streamsReady.delete(stream.name));
      this.streamsReady.set(stream.name, ready);
    }
    return ready;
  }
}

/** `infer: false`: every non-system message becomes a memory as it is. */
function verbatimOps(messages: AddMessage[]) {
  return messages
    .filter((message) => message.role !== 'system' && message.content.trim() !== '')
    .map((message) => ({
      op: 'ADD' as const,
      text: message.content,
      role: message.role,
      actorId: message.name,
    }));
}
