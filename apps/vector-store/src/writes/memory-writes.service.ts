import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AddResult, MemoryWriteCommand, WriteOp } from '@mnemo/contracts';
import { EmbedderClient } from '../clients/embedder.client';
import { AppliedWriteEntity } from '../memories/applied-write.entity';
import { MemoriesRepository } from '../memories/memories.repository';
import { MemoryHistoryEntity } from '../memories/memory-history.entity';
import { MemoryEntity } from '../memories/memory.entity';

interface WriteContext {
  command: MemoryWriteCommand;
  manager: EntityManager;
  model: string;
  now: Date;
}

type VectorFor = (op: WriteOp) => Float32Array;

/** Applies one write command in one transaction: memories, history rows and the applied-write log. */
@Injectable()
export class MemoryWritesService {
  constructor(
    private readonly repository: MemoriesRepository,
    private readonly embedder: EmbedderClient,
  ) {}

  async apply(command: MemoryWriteCommand): Promise<AddResult[]> {
    const previous = await this.repository.findAppliedWrite(command.projectId, command.eventId);
    if (previous) return previous;
    const texts = command.ops.flatMap((op) => (op.op === 'DELETE' ? [] : [op.text]));
    const embedded =
      texts.length > 0 ? await this.embedder.embedDocuments(texts) : { model: '', vectors: [] };
    const vectors = new Map<WriteOp, Float32Array>();
    let next = 0;
    for (const op of command.ops) {
      if (op.op !== 'DELETE') vectors.set(op, embedded.vectors[next++]);
    }
    const vectorFor: VectorFor = (op) => vectors.get(op) as Float32Array;
    return this.repository.transaction(async (manager) => {
      const context: WriteContext = { command, manager, model: embedded.model, now: new Date() };
      const results: AddResult[] = [];
      for (const op of command.ops) {
        const result = await this.applyOp(context, op, vectorFor);
        if (result) results.push(result);
      }
      await manager.insert(AppliedWriteEntity, {
        projectId: command.projectId,
        eventId: command.eventId,
        results,
        createdAt: context.now,
      });
      return results;
    });
  }

  private applyOp(
    context: WriteContext,
    op: WriteOp,
    vectorFor: VectorFor,
  ): Promise<AddResult | undefined> {
    switch (op.op) {
      case 'ADD':
        return this.add(context, op, vectorFor(op));
      case 'UPDATE':
        return this.update(context, op, vectorFor(op));
      case 'DELETE':
        return this.remove(context, op);
    }
  }

  private async add(
    { command, manager, model, now }: WriteContext,
    op: Extract<WriteOp, { op: 'ADD' }>,
    embedding: Float32Array,
  ): Promise<AddResult> {
    const id = randomUUID();
    const metadata = { ...command.metadata, ...op.metadata };
    await manager.insert(MemoryEntity, {
      projectId: command.projectId,
      id,
      memory: op.text,
      hash: md5(op.text),
      // TypeORM's insert typing cannot express an open JSON object.
      metadata: (Object.keys(metadata).length > 0 ? metadata : null) as never,
      categories: [],
      userId: command.scope.userId ?? null,
      agentId: command.scope.agentId ?? null,
      appId: command.scope.appId ?? null,
      runId: command.scope.runId ?? null,
      actorId: op.actorId ?? null,
      role: op.role ?? null,
      embedding,
      embeddingModel: model,
      expirationDate: command.expirationDate ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await this.history(manager, command.projectId, id, null, op.text, 'ADD', now, op);
    return {
      id,
      memory: op.text,
      event: 'ADD',
      actorId: op.actorId ?? null,
      role: op.role ?? null,
    };
  }

  private async update(
    { command, manager, model, now }: WriteContext,
    op: Extract<WriteOp, { op: 'UPDATE' }>,
    embedding: Float32Array,
  ): Promise<AddResult | undefined> {
    const existing = await this.repository.findById(command.projectId, op.memoryId, manager);
    if (!existing) return undefined;
    await manager.update(
      MemoryEntity,
      { projectId: command.projectId, id: op.memoryId },
      { memory: op.text, hash: md5(op.text), embedding, embeddingModel: model, updatedAt: now },
    );
    await this.history(
      manager,
      command.projectId,
      op.memoryId,
      existing.memory,
      op.text,
      'UPDATE',
      now,
    );
    return { id: op.memoryId, memory: op.text, event: 'UPDATE', previousMemory: existing.memory };
  }

  private async remove(
    { command, manager, now }: WriteContext,
    op: Extract<WriteOp, { op: 'DELETE' }>,
  ): Promise<AddResult | undefined> {
    const existing = await this.repository.findById(command.projectId, op.memoryId, manager);
    if (!existing) return undefined;
    await manager.delete(MemoryEntity, { projectId: command.projectId, id: op.memoryId });
    await this.history(
      manager,
      command.projectId,
      op.memoryId,
      existing.memory,
      null,
      'DELETE',
      now,
    );
    return { id: op.memoryId, memory: existing.memory, event: 'DELETE' };
  }

  private async history(
    manager: EntityManager,
    projectId: string,
    memoryId: string,
    oldMemory: string | null,
    newMemory: string | null,
    event: 'ADD' | 'UPDATE' | 'DELETE',
    now: Date,
    actor?: { actorId?: string; role?: string },
  ): Promise<void> {
    await manager.insert(MemoryHistoryEntity, {
      projectId,
      id: randomUUID(),
      memoryId,
      oldMemory,
      newMemory,
      event,
      actorId: actor?.actorId ?? null,
      role: actor?.role ?? null,
      isDeleted: event === 'DELETE',
      createdAt: now,
      updatedAt: now,
    });
  }
}

export function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}
