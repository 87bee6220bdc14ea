import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  memoryWriteRequestedContract,
  streams,
  type AddCompleted,
  type AddResult,
  type ImportAnswer,
  type ImportOutcome,
  type ImportStatus,
  type WriteOp,
} from '@mnemo/contracts';
import { VectorStoreClient } from '@mnemo/clients';
import { currentBusContext, JobQueue } from '@mnemo/messaging';
import { APP_CONFIG } from '@mnemo/service-kit';
import { AddCompletions } from '../clients/add-completions';
import type { GatewayConfig } from '../config/gateway.config';
import { MemoryQueryService } from '../memories/memory-query.service';
import { importCommandBytes, prepareImport, type PreparedImport } from './imported-memory';

/**
 * `POST /v1/memories/import/`: memories written as they are (no LLM), keeping their ids, times,
 * scopes, metadata and categories. One write command on the verbatim add path (JetStream, then
 * the vector-store's group commit: embedding, memories, history, events, one transaction).
 */
@Injectable()
export class MemoryImportService {
  private streamReady?: Promise<void>;

  constructor(
    private readonly jobs: JobQueue,
    private readonly completions: AddCompletions,
    private readonly vectorStore: VectorStoreClient,
    private readonly queries: MemoryQueryService,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async import(projectId: string, raw: unknown[]): Promise<ImportAnswer> {
    const now = new Date();
    const outcomes: ImportOutcome[] = [];
    const ready: PreparedImport[] = [];
    raw.forEach((item, index) => {
      const prepared = prepareImport(item, index, now);
      if (prepared.ok) ready.push(prepared.item);
      else outcomes.push({ index, status: 'FAILED', reason: prepared.reason });
    });
    const present = await this.presentIds(projectId, ready);
    const fresh: PreparedImport[] = [];
    for (const item of ready) {
      if (present.has(item.id)) outcomes.push(duplicateOfId(item));
      else fresh.push(item);
    }
    if (fresh.length > 0) {
      const results = await this.write(projectId, fresh);
      fresh.forEach((item, index) => outcomes.push(outcomeOf(item, results[index])));
    }
    outcomes.sort((a, b) => a.index - b.index);
    const count = (status: ImportStatus) => outcomes.filter((o) => o.status === status).length;
    return {
      imported: count('IMPORTED'),
      duplicates: count('DUPLICATE'),
      failed: count('FAILED'),
      results: outcomes,
    };
  }

  /**
   * The batch's ids this project holds already: skipped before they cost an embedding (a resumed
   * import sends them all again). The vector-store checks again when it writes.
   */
  private async presentIds(projectId: string, items: PreparedImport[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const ids = [...new Set(items.map((item) => item.id))];
    const found = await this.queries.list({
      projectId,
      filters: { memory_ids: ids },
      filterDialect: 'platform',
      showExpired: true,
      limit: ids.length,
      offset: 0,
    });
    return new Set(found.results.map((memory) => memory.id));
  }

  /** One write command for the batch; its results come back one per op, in order. */
  private async write(projectId: string, items: PreparedImport[]): Promise<AddResult[]> {
    const eventId = randomUUID();
    const command = {
      eventId,
      projectId,
      occurredAt: new Date().toISOString(),
      requestId: currentBusContext().requestId,
      scope: {},
      metadata: {},
      expirationDate: null,
      ops: items.map(importOp),
    };
    const bytes = Buffer.byteLength(JSON.stringify(command));
    if (bytes > importCommandBytes) {
      throw new DomainError(
        'payload_too_large',
        `An import batch may take at most ${importCommandBytes} bytes as JSON; this one takes ` +
          `${bytes}. Send fewer memories per request.`,
      );
    }
    const completion = this.completions.expect(eventId, this.config.MNEMO_SYNC_ADD_TIMEOUT_MS);
    completion.catch(() => undefined);
    try {
      this.streamReady ??= this.jobs.ensureStream(streams.memoryWrites).catch((error: unknown) => {
        this.streamReady = undefined;
        throw error;
      });
      await this.streamReady;
      await this.jobs.publish(memoryWriteRequestedContract, command, eventId);
    } catch (error) {
      this.completions.cancel(eventId);
      if (error instanceof DomainError) throw error;
      throw new DomainError(
        'unavailable',
        `could not queue the import: ${(error as Error).message}`,
        true,
      );
    }
    const done = await this.waitWhileVectorStoreRuns(projectId, eventId, completion);
    if (done.status === 'FAILED') {
      throw done.error
        ? DomainError.fromBody(done.error)
        : new DomainError('internal', 'the import failed');
    }
    if (done.results.length !== items.length) {
      throw new DomainError(
        'internal',
        `the import answered ${done.results.length} results for ${items.length} memories`,
      );
    }
    return done.results;
  }

  /** 503 at once when no vector-store is subscribed: the batch stays queued and is applied later. */
  private waitWhileVectorStoreRuns(
    projectId: string,
    eventId: string,
    completion: Promise<AddCompleted>,
  ): Promise<AddCompleted> {
    return this.completions.wait(eventId, completion, {
      pipeline: 'vector-store',
      pipelineDown: () =>
        new DomainError(
          'unavailable',
          `No vector-store is running, so this import cannot finish now. It is queued as event ` +
            `${eventId} and will be applied when the vector-store is back; sending the same ` +
            `memories again then reports them as duplicates.`,
          true,
        ),
      recorded: () => this.vectorStore.writeCompletion(projectId, eventId),
    });
  }
}

function importOp(item: PreparedImport): WriteOp {
  return {
    op: 'IMPORT',
    id: item.id,
    text: item.text,
    scope: item.scope,
    metadata: item.metadata,
    categories: item.categories,
    expirationDate: item.expirationDate,
    actorId: item.actorId,
    role: item.role,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

function withSource(item: PreparedImport, outcome: ImportOutcome): ImportOutcome {
  return item.sourceId === undefined ? outcome : { ...outcome, source_id: item.sourceId };
}

function duplicateOfId(item: PreparedImport): ImportOutcome {
  return withSource(item, {
    index: item.index,
    status: 'DUPLICATE',
    id: item.id,
    reason: 'a memory with this id is already in the project',
  });
}

function outcomeOf(item: PreparedImport, result: AddResult): ImportOutcome {
  if (result.event === 'ADD') {
    return withSource(item, { index: item.index, status: 'IMPORTED', id: result.id });
  }
  if (result.id === item.id) return duplicateOfId(item);
  return withSource(item, {
    index: item.index,
    status: 'DUPLICATE',
    id: result.id,
    reason: `the same text is already stored for this scope as memory ${result.id}`,
  });
}
