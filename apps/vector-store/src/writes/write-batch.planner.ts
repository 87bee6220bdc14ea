import { randomUUID } from 'node:crypto';
import type { AddResult } from '@mnemo/contracts';
import type { HistoryRecord, MemoryKey, MemoryUpdate } from '../memories/memory-writes.repository';
import { MemoryEntity } from '../memories/memory.entity';
import { toMemoryRecord, toStoredMemory } from '../memories/memory.mapper';
import type { StoredMemory } from '../memories/memory.row';
import { md5, scopeKey } from '../memories/scope-key';
import {
  memoryCreatedEvents,
  memoryDeletedEvents,
  memoryUpdatedEvents,
  type OutboxEvent,
} from '../outbox/memory-event.builder';
import type { IndexChange } from '../search-index/scope-index';
import type {
  AddChange,
  ChangeOutcome,
  DeleteChange,
  MemoryChange,
  UnitOutcome,
  UpdateChange,
  WriteUnit,
} from './write-unit';

/** The rows a batch touches, read (and locked) before planning, and who holds which text. */
export interface WriteView {
  /** by `rowKey`: the memories the batch updates or deletes */
  rows: Map<string, MemoryEntity>;
  /** by `textKey`: the memory holding a text in a scope */
  holders: Map<string, string>;
}

export const rowKey = (projectId: string, id: string) => `${projectId}\u0000${id}`;
export const textKey = (projectId: string, scope: string, hash: string) =>
  `${projectId}\u0000${scope}\u0000${hash}`;

export interface WritePlan {
  inserts: MemoryEntity[];
  /** in the order the changes came, so a text moved away is free before another row takes it */
  updates: MemoryUpdate[];
  deletes: MemoryKey[];
  history: HistoryRecord[];
  events: OutboxEvent[];
  applied: { projectId: string; eventId: string; results: AddResult[] }[];
  /** per project: what the search index must learn once the batch commits */
  changes: Map<string, IndexChange>;
  outcomes: UnitOutcome[];
}

interface ProjectChange {
  upserts: Map<string, StoredMemory>;
  deletes: Set<string>;
}

/**
 * Applies a batch's changes in order to an in-memory view of the rows they touch and says what
 * to write: each change sees the ones before it, exactly as if they ran one by one. A change that
 * would give a scope a second copy of a text is not made (Mem0 drops exact duplicates silently).
 */
export function planWrites(
  units: WriteUnit[],
  view: WriteView,
  clock: () => number = Date.now,
): WritePlan {
  const planner = new BatchPlanner(view, clock);
  const outcomes = units.map((unit) => planner.unit(unit));
  return planner.finish(outcomes);
}

class BatchPlanner {
  private readonly plan: Omit<WritePlan, 'changes' | 'outcomes'> = {
    inserts: [],
    updates: [],
    deletes: [],
    history: [],
    events: [],
    applied: [],
  };
  private readonly projects = new Map<string, ProjectChange>();
  private now = new Date(0);

  constructor(
    private readonly view: WriteView,
    private readonly clock: () => number,
  ) {}

  unit(unit: WriteUnit): UnitOutcome {
    // Strictly later than the unit before, so history lists a group's changes in the order applied.
    this.now = new Date(Math.max(this.clock(), this.now.getTime() + 1));
    const changes = unit.changes.map((change) => this.change(unit.projectId, change));
    const results = changes.flatMap((outcome) => (outcome.result ? [outcome.result] : []));
    if (unit.eventId)
      this.plan.applied.push({ projectId: unit.projectId, eventId: unit.eventId, results });
    return { results, changes };
  }

  finish(outcomes: UnitOutcome[]): WritePlan {
    const deleted = new Set(this.plan.deletes.map((key) => rowKey(key.projectId, key.id)));
    const changes = new Map<string, IndexChange>();
    for (const [projectId, change] of this.projects) {
      changes.set(projectId, {
        upserts: [...change.upserts.values()],
        deletes: [...change.deletes],
      });
    }
    return {
      ...this.plan,
      // A row deleted later in the batch needs no update first.
      updates: this.plan.updates.filter(
        (update) => !deleted.has(rowKey(update.projectId, update.id)),
      ),
      changes,
      outcomes,
    };
  }

  private change(projectId: string, change: MemoryChange): ChangeOutcome {
    switch (change.kind) {
      case 'add':
        return this.add(projectId, change);
      case 'update':
        return this.update(projectId, change);
      case 'delete':
        return this.remove(projectId, change);
    }
  }

  private add(projectId: string, change: AddChange): ChangeOutcome {
    const scope = scopeKey(change.scope);
    const hash = md5(change.text);
    const imported = change.imported;
    // An import never overwrites: an id the project holds is answered NONE with that id.
    if (imported && this.view.rows.has(rowKey(projectId, imported.id))) {
      return { result: { id: imported.id, memory: change.text, event: 'NONE' } };
    }
    const holder = this.view.holders.get(textKey(projectId, scope, hash));
    if (holder !== undefined) {
      return imported ? { result: { id: holder, memory: change.text, event: 'NONE' } } : {};
    }
    const memory = Object.assign(new MemoryEntity(), {
      projectId,
      id: imported?.id ?? randomUUID(),
      memory: change.text,
      hash,
      metadata: Object.keys(change.metadata).length > 0 ? change.metadata : null,
      categories: change.categories,
      userId: change.scope.userId ?? null,
      agentId: change.scope.agentId ?? null,
      appId: change.scope.appId ?? null,
      runId: change.scope.runId ?? null,
      scopeKey: scope,
      actorId: change.actorId ?? null,
      role: change.role ?? null,
      embedding: vectorOf(change).vector,
      embeddingModel: vectorOf(change).model,
      expirationDate: change.expirationDate,
      createdAt: imported?.createdAt ?? this.now,
      updatedAt: imported?.updatedAt ?? this.now,
    });
    this.view.holders.set(textKey(projectId, scope, hash), memory.id);
    if (imported) this.view.rows.set(rowKey(projectId, memory.id), memory);
    this.plan.inserts.push(memory);
    const actor = { actorId: change.actorId, role: change.role };
    // An imported memory's ADD is dated when the memory was made, not when it arrived.
    this.record(memory, null, change.text, 'ADD', actor, imported?.createdAt);
    const record = toMemoryRecord(memory);
    this.plan.events.push(...memoryCreatedEvents(record, { at: this.now, actor }));
    this.project(projectId).upserts.set(memory.id, toStoredMemory(memory));
    const result: AddResult = {
      id: memory.id,
      memory: change.text,
      event: 'ADD',
      actorId: change.actorId ?? null,
      role: change.role ?? null,
    };
    return { result, record };
  }

  private update(projectId: string, change: UpdateChange): ChangeOutcome {
    const key = rowKey(projectId, change.memoryId);
    const existing = this.view.rows.get(key);
    if (!existing) return {};
    const text = this.freeText(existing, change.text);
    if (!change.edit && text === undefined) return {};
    const written: Partial<MemoryEntity> = { updatedAt: this.now };
    if (text !== undefined) {
      const { vector, model } = vectorOf(change);
      Object.assign(written, {
        memory: text,
        hash: md5(text),
        embedding: vector,
        embeddingModel: model,
      });
      this.view.holders.delete(textKey(projectId, existing.scopeKey, existing.hash));
      this.view.holders.set(textKey(projectId, existing.scopeKey, md5(text)), existing.id);
    }
    if (change.categories !== undefined) written.categories = change.categories;
    if (change.metadata !== undefined) written.metadata = change.metadata;
    if (change.expirationDate !== undefined) written.expirationDate = change.expirationDate;
    const after = Object.assign(new MemoryEntity(), existing, written);
    this.view.rows.set(key, after);
    this.plan.updates.push({ projectId, id: existing.id, changes: written });
    this.record(after, existing.memory, after.memory, 'UPDATE');
    const record = toMemoryRecord(after);
    this.plan.events.push(
      ...memoryUpdatedEvents(toMemoryRecord(existing), record, { at: this.now }),
    );
    this.project(projectId).upserts.set(after.id, toStoredMemory(after));
    const result: AddResult = {
      id: existing.id,
      memory: after.memory,
      event: 'UPDATE',
      previousMemory: existing.memory,
    };
    return { result, record };
  }

  /** The new text, unless it is the current one or another memory of the scope holds it. */
  private freeText(existing: MemoryEntity, text: string | undefined): string | undefined {
    if (text === undefined || text === existing.memory) return undefined;
    const holder = this.view.holders.get(textKey(existing.projectId, existing.scopeKey, md5(text)));
    return holder === undefined || holder === existing.id ? text : undefined;
  }

  private remove(projectId: string, change: DeleteChange): ChangeOutcome {
    const key = rowKey(projectId, change.memoryId);
    const existing = this.view.rows.get(key);
    if (!existing) return {};
    this.view.rows.delete(key);
    this.view.holders.delete(textKey(projectId, existing.scopeKey, existing.hash));
    this.plan.deletes.push({ projectId, id: existing.id });
    this.record(existing, existing.memory, null, 'DELETE');
    const record = toMemoryRecord(existing);
    this.plan.events.push(...memoryDeletedEvents(record, { at: this.now }));
    const project = this.project(projectId);
    project.upserts.delete(existing.id);
    project.deletes.add(existing.id);
    return { result: { id: existing.id, memory: existing.memory, event: 'DELETE' }, record };
  }

  private record(
    memory: MemoryEntity,
    oldMemory: string | null,
    newMemory: string | null,
    event: HistoryRecord['event'],
    actor?: { actorId?: string; role?: string },
    at: Date = this.now,
  ): void {
    this.plan.history.push({
      projectId: memory.projectId,
      memoryId: memory.id,
      oldMemory,
      newMemory,
      event,
      at,
      actorId: actor?.actorId,
      role: actor?.role,
    });
  }

  private project(projectId: string): ProjectChange {
    let change = this.projects.get(projectId);
    if (!change) {
      change = { upserts: new Map(), deletes: new Set() };
      this.projects.set(projectId, change);
    }
    return change;
  }
}

function vectorOf(change: AddChange | UpdateChange): { vector: Float32Array; model: string } {
  if (!change.embedded) throw new Error('a text reached the planner without its vector');
  return change.embedded;
}
