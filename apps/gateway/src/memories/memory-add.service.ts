import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { prettifyError, ZodError } from 'zod';
import {
  addRequestedContract,
  DomainError,
  inputLimits,
  memoryWriteRequestedContract,
  addEventPayload,
  verbatimAdds,
  streams,
  type AddCompleted,
  type JsonObject,
  type Scope,
  type ServiceName,
} from '@mnemo/contracts';
import { VectorStoreClient } from '@mnemo/clients';
import { currentBusContext, JobQueue } from '@mnemo/messaging';
import { APP_CONFIG } from '@mnemo/service-kit';
import { AddCompletions } from '../clients/add-completions';
import type { GatewayConfig } from '../config/gateway.config';
import { AddEventsRepository } from '../events/add-events.repository';

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
  /** `[{name: description}]` to choose categories from */
  customCategories?: Record<string, string>[];
  /** tracked adds always go through the extractor and get an event (`GET /v1/event/{id}/`) */
  tracked?: boolean;
}

export interface AcceptedAdd {
  eventId: string;
  projectId: string;
  /** the service whose consumer must take the job; none when nothing was queued */
  pipeline?: ServiceName;
}

/** An add its caller waits for: the completion was expected before the job was published. */
interface AwaitedAdd extends AcceptedAdd {
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
    private readonly events: AddEventsRepository,
    private readonly vectorStore: VectorStoreClient,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Adds and waits for the result (the open-source server's behaviour and `async_mode: false`). */
  async addAndWait(input: AddInput): Promise<AddCompleted> {
    const completion = await this.waitWhilePipelineRuns(await this.queue(input, true));
    if (completion.status === 'FAILED' && completion.error)
      throw DomainError.fromBody(completion.error);
    return completion;
  }

  /**
   * Queues the add and answers once it is durable (the asynchronous add): nothing here waits for
   * its outcome, which its event records, so no waiter or timer is kept for it.
   */
  accept(input: AddInput): Promise<AcceptedAdd> {
    return this.queue(input, false);
  }

  /** `infer: false` goes straight to the vector-store, the rest to the extractor. */
  private async queue(input: AddInput, waits: true): Promise<AwaitedAdd>;
  private async queue(input: AddInput, waits: false): Promise<AcceptedAdd>;
  private async queue(input: AddInput, waits: boolean): Promise<AcceptedAdd | AwaitedAdd> {
    refuseOversizedAdd(input);
    const eventId = randomUUID();
    const envelope = {
      eventId,
      projectId: input.projectId,
      occurredAt: new Date().toISOString(),
      requestId: currentBusContext().requestId,
    };
    const verbatim = !input.infer && input.memoryType === undefined && !input.tracked;
    const ops = verbatim ? verbatimAdds(input.messages) : [];
    if (verbatim && ops.length === 0) {
      const nothing: AddCompleted = { ...envelope, status: 'SUCCEEDED', results: [] };
      const accepted = { eventId, projectId: input.projectId };
      return waits ? { ...accepted, completion: Promise.resolve(nothing) } : accepted;
    }
    // Expected before the job is published, so its completion message cannot come first.
    const completion = waits
      ? this.completions.expect(eventId, this.config.MNEMO_SYNC_ADD_TIMEOUT_MS)
      : undefined;
    completion?.catch(() => undefined);
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
          infer: input.infer,
          customCategories: input.customCategories,
        };
        await this.jobs.publish(addRequestedContract, job, eventId);
        // The answer waits only for the durable publish; the event shows as PENDING once recorded.
        if (input.tracked) void this.register(input, eventId);
      }
    } catch (err) {
      this.completions.cancel(eventId);
      if (err instanceof DomainError && err.code === 'payload_too_large') throw err;
      // The edge schemas mirror the job contract; should they ever drift, the caller still gets a 400.
      if (err instanceof ZodError) throw new DomainError('validation_failed', prettifyError(err));
      throw new DomainError(
        'unavailable',
        `could not queue the add: ${(err as Error).message}`,
        true,
      );
    }
    const accepted = {
      eventId,
      projectId: input.projectId,
      pipeline: verbatim ? ('vector-store' as const) : ('extractor' as const),
    };
    return completion ? { ...accepted, completion } : accepted;
  }

  /**
   * Waits for the completion, but answers 503 at once when no instance of the pipeline's service
   * runs (the job stays on JetStream), and reads the recorded outcome should the message be missed.
   */
  private async waitWhilePipelineRuns(accepted: AwaitedAdd): Promise<AddCompleted> {
    const { pipeline, eventId } = accepted;
    if (!pipeline) return accepted.completion;
    return this.completions.wait(eventId, accepted.completion, {
      pipeline,
      pipelineDown: () => pipelineDown(pipeline, eventId),
      recorded: () =>
        pipeline === 'vector-store'
          ? this.vectorStore.writeCompletion(accepted.projectId, eventId)
          : this.events.completion(accepted.projectId, eventId),
    });
  }

  /** Best effort, never rejects: without it the event appears once the extractor starts the job. */
  private async register(input: AddInput, eventId: string): Promise<void> {
    await this.events
      .register({
        eventId,
        projectId: input.projectId,
        eventType: 'ADD',
        payload: addEventPayload(input),
        metadata: input.metadata,
      })
      .catch(() => undefined);
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

function pipelineDown(pipeline: ServiceName, eventId: string): DomainError {
  return new DomainError(
    'unavailable',
    `No ${pipeline} is running, so this add cannot finish now. It is queued as event ${eventId} ` +
      `and will be applied when the ${pipeline} is back; GET /v1/event/${eventId}/ tells its status.`,
    true,
  );
}

/** 413 for an add larger than the extractor handles in one job or the bus carries in one message. */
function refuseOversizedAdd(input: AddInput): void {
  const chars = input.messages.reduce((sum, message) => sum + message.content.length, 0);
  if (chars > inputLimits.addChars) {
    throw new DomainError(
      'payload_too_large',
      `An add may hold at most ${inputLimits.addChars} characters of messages; this one has ${chars}.`,
    );
  }
  const bytes = Buffer.byteLength(JSON.stringify([input.messages, input.metadata, input.prompt]));
  if (bytes > inputLimits.addJobBytes) {
    throw new DomainError(
      'payload_too_large',
      `An add may take at most ${inputLimits.addJobBytes} bytes as JSON; this one takes ${bytes}.`,
    );
  }
}
