import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AddResult, MemoryWriteCommand, WriteOp } from '@mnemo/contracts';
import { EmbedderClient } from '@mnemo/clients';
import { AppliedWriteEntity } from '../memories/applied-write.entity';
import { recordHistory } from '../memories/history.writer';
import { MemoriesRepository } from '../memories/memories.repository';
import { MemoryEntity } from '../memories/memory.entity';
import { isDuplicateKey, md5, scopeKey } from '../memories/scope-key';

interface WriteContext {
  command: MemoryWriteCommand;
  manager: EntityManager;
  model: string;
  now: Date;
  vectors: Map<WriteOp, Float32Array>;
}

type AddOp = Extract<WriteOp, { op: 'ADD' }>;
type UpdateOp = Extract<WriteOp, { op: 'UPDATE' }>;
type DeleteOp = Extract<WriteOp, { op: 'DELETE' }>;

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
    const { model, vectors } = await this.embed(command.ops);
    return this.repository.transaction(async (manager) => {
      const context: WriteContext = { command, manager, model, now: new Date(), vectors };
      const results: AddResult[] = [];
      for (const op of command.ops) {
        const result = await this.applyOp(context, op);
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
    try {
      await manager.insert(MemoryEntity, {
        projectId: command.projectId,
        id,
        memory: op.text,
        hash: md5(op.text),
        // TypeORM's insert typing cannot express an open JSON object.
        metadata: (Object.keys(metadata).length > 0 ? metadata : null) as never,
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
    const existing = await this.repository.findById(command.projectId, op.memoryId, manager);
    if (!existing || existing.memory === op.text) return undefined;
    try {
      await manager.update(
        MemoryEntity,
        { projectId: command.projectId, id: op.memoryId },
        {
          memory: op.text,
          hash: md5(op.text),
          embedding: context.vectors.get(op),
          embeddingModel: context.model,
          updatedAt: now,
        },
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
    return { id: op.memoryId, memory: op.text, event: 'UPDATE', previousMemory: existing.memory };
  }

  private async remove(context: WriteContext, op: DeleteOp): Promise<AddResult | undefined> {
    const { command, manager, now } = context;
    const existing = await this.repository.findById(command.projectId, op.memoryId, manager);
    if (!existing) return undefined;
    await manager.delete(MemoryEntity, { projectId: command.projectId, id: op.memoryId });
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
    return { id: op.memoryId, memory: existing.memory, event: 'DELETE' };
  }
}
