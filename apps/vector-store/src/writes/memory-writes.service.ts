import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AddResult, MemoryWriteCommand, WriteOp } from '@mnemo/contracts';
import { EmbedderClient } from '@mnemo/clients';
import { AppliedWriteEntity } from '../memories/applied-write.entity';
import { recordHistory } from '../memories/history.writer';
import { MemoriesRepository } from '../memories/memories.repository';
import { MemoryEntity } from '../memories/memory.entity';
import { toMemoryRecord, toStoredMemory } from '../memories/memory.mapper';
import { isDuplicateKey, md5, scopeKey } from '../memories/scope-key';
import {
  memoryCreatedEvents,
  memoryDeletedEvents,
  memoryUpdatedEvents,
  type OutboxEvent,
} from '../outbox/memory-event.builder';
import { MemoryEventsOutbox } from '../outbox/memory-events.outbox';
import { emptyChange, IndexFreshness } from '../search-index/index-freshness';
import type { IndexChange } from '../search-index/scope-index';

interface WriteContext {
  command: MemoryWriteCommand;
  manager: EntityManager;
  model: string;
  now: Date;
  vectors: Map<WriteOp, Float32Array>;
  events: OutboxEvent[];
  change: IndexChange;
}

type AddOp = Extract<WriteOp, { op: 'ADD' }>;
type UpdateOp = Extract<WriteOp, { op: 'UPDATE' }>;
type DeleteOp = Extract<WriteOp, { op: 'DELETE' }>;

/** Applies one write command in one transaction: memories, history, outbox events, applied-write log. */
@Injectable()
export class MemoryWritesService {
  constructor(
    private readonly repository: MemoriesRepository,
    private readonly embedder: EmbedderClient,
    private readonly outbox: MemoryEventsOutbox,
    private readonly freshness: IndexFreshness,
  ) {}

  async apply(command: MemoryWriteCommand): Promise<AddResult[]> {
    const previous = await this.repository.findAppliedWrite(command.projectId, command.eventId);
    if (previous) return previous;
    const { model, vectors } = await this.embed(command.ops);
    const change = emptyChange();
    const { results: applied, version } = await this.repository.transaction(async (manager) => {
      const context: WriteContext = {
        command,
        manager,
        model,
        now: new Date(),
        vectors,
        events: [],
        change,
      };
      const results: AddResult[] = [];
      for (const op of command.ops) {
        const result = await this.applyOp(context, op);
        if (result) results.push(result);
      }
      await this.outbox.record(manager, context.events);
      await manager.insert(AppliedWriteEntity, {
        projectId: command.projectId,
        eventId: command.eventId,
        results,
        createdAt: context.now,
      });
      return { results, version: await this.freshness.stamp(manager, command.projectId) };
    });
    this.freshness.committed(command.projectId, version, change);
    this.outbox.committed();
    return applied;
  }

  private async embed(
    ops: WriteOp[],
  ): Promise<{ model: string; vectors: Map<WriteOp, Float32Array> }> {
    const textOps = ops.filter((op): op is AddOp | UpdateOp => op.op !== 'DELETE');
    const vectors = new Map<WriteOp, Float32Array>();
    if (textOps.length === 0) return { model: '', vectors };
    const embedded = await this.embedder.embedDocuments(textOps.map((op) => op.text));
    textOps.forEach((op, index) => vectors.set(op, embedded.vectors[index]));
    return { model: embedded.model, vectors };
  }

  private applyOp(context: WriteContext, op: WriteOp): Promise<AddResult | undefined> {
    switch (op.op) {
      case 'ADD':
        return this.add(context, op);
      case 'UPDATE':
        return this.update(context, op);
      case 'DELETE':
        return this.remove(context, op);
    }
  }

  private async add(context: WriteContext, op: AddOp): Promise<AddResult | undefined> {
    const { command, manager, now } = context;
    const id = randomUUID();
    const metadata = { ...command.metadata, ...op.metadata };
    const memory = manager.create(MemoryEntity, {
      projectId: command.projectId,
      id,
      memory: op.text,
      hash: md5(op.text),
      metadata: Object.keys(metadata).length > 0 ? metadata : null,
      categories: op.categories ?? [],
      userId: command.scope.userId ?? null,
      agentId: command.scope.agentId ?? null,
      appId: command.scope.appId ?? null,
      runId: command.scope.runId ?? null,
      scopeKey: scopeKey(command.scope),
      actorId: op.actorId ?? null,
      role: op.role ?? null,
      embedding: context.vectors.get(op),
      embeddingModel: context.model,
      expirationDate: command.expirationDate ?? null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      // TypeORM's insert typing cannot express an open JSON object.
      await manager.insert(MemoryEntity, memory as never);
    } catch (err) {
      // The same text already exists in this scope (e.g. concurrent identical adds): keep one.
      if (isDuplicateKey(err)) return undefined;
      throw err;
    }
    await recordHistory(manager, [
      {
        projectId: command.projectId,
        memoryId: id,
        oldMemory: null,
        newMemory: op.text,
        event: 'ADD',
        at: now,
        actorId: op.actorId,
        role: op.role,
      },
    ]);
    context.change.upserts.push(toStoredMemory(memory));
    context.events.push(
      ...memoryCreatedEvents(toMemoryRecord(memory), {
        at: now,
        actor: { actorId: op.actorId, role: op.role },
      }),
    );
    return {
      id,
      memory: op.text,
      event: 'ADD',
      actorId: op.actorId ?? null,
      role: op.role ?? null,
    };
  }

  private async update(context: WriteContext, op: UpdateOp): Promise<AddResult | undefined> {
    const { command, manager, now } = context;
    const existing = await this.lockedMemory(context, op.memoryId);
    if (!existing || existing.memory === op.text) return undefined;
    const changes = {
      memory: op.text,
      hash: md5(op.text),
      updatedAt: now,
      ...(op.categories ? { categories: op.categories } : {}),
    };
    const written = {
      ...changes,
      embedding: context.vectors.get(op),
      embeddingModel: context.model,
    };
    try {
      await manager.update(
        MemoryEntity,
        { projectId: command.projectId, id: op.memoryId },
        written,
      );
    } catch (err) {
      if (isDuplicateKey(err)) return undefined;
      throw err;
    }
    await recordHistory(manager, [
      {
        projectId: command.projectId,
        memoryId: op.memoryId,
        oldMemory: existing.memory,
        newMemory: op.text,
        event: 'UPDATE',
        at: now,
      },
    ]);
    context.change.upserts.push(toStoredMemory({ ...existing, ...written } as MemoryEntity));
    context.events.push(
      ...memoryUpdatedEvents(
        toMemoryRecord(existing),
        toMemoryRecord({ ...existing, ...changes }),
        {
          at: now,
        },
      ),
    );
    return { id: op.memoryId, memory: op.text, event: 'UPDATE', previousMemory: existing.memory };
  }

  /** Locked, so a concurrent edit of the same memory waits and sees this change. */
  private lockedMemory(context: WriteContext, memoryId: string): Promise<MemoryEntity | null> {
    return context.manager.findOne(MemoryEntity, {
      where: { projectId: context.command.projectId, id: memoryId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  private async remove(context: WriteContext, op: DeleteOp): Promise<AddResult | undefined> {
    const { command, manager, now } = context;
    const existing = await this.lockedMemory(context, op.memoryId);
    if (!existing) return undefined;
    await manager.delete(MemoryEntity, { projectId: command.projectId, id: op.memoryId });
    context.change.deletes.push(op.memoryId);
    await recordHistory(manager, [
      {
        projectId: command.projectId,
        memoryId: op.memoryId,
        oldMemory: existing.memory,
        newMemory: null,
        event: 'DELETE',
        at: now,
      },
    ]);
    context.events.push(...memoryDeletedEvents(toMemoryRecord(existing), { at: now }));
    return { id: op.memoryId, memory: existing.memory, event: 'DELETE' };
  }
}
