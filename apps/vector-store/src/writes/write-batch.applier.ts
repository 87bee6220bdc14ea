import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MemoryWritesRepository } from '../memories/memory-writes.repository';
import type { MemoryEntity } from '../memories/memory.entity';
import { md5, scopeKey } from '../memories/scope-key';
import { MemoryEventsOutbox } from '../outbox/memory-events.outbox';
import { IndexFreshness } from '../search-index/index-freshness';
import { planWrites, rowKey, textKey, type WriteView } from './write-batch.planner';
import type { UnitOutcome, WriteUnit } from './write-unit';

/**
 * Applies units whose vectors are ready in one transaction: memories, history, outbox events,
 * the applied-write log and one version bump per project; then tells the index and the relay.
 */
@Injectable()
export class WriteBatchApplier {
  constructor(
    private readonly writes: MemoryWritesRepository,
    private readonly outbox: MemoryEventsOutbox,
    private readonly freshness: IndexFreshness,
  ) {}

  async apply(units: WriteUnit[]): Promise<UnitOutcome[]> {
    const { plan, versions } = await this.writes.transaction(async (manager) => {
      const plan = planWrites(units, await this.view(manager, units));
      await this.writes.write(manager, plan);
      await this.outbox.record(manager, plan.events);
      // Last, and in one order everywhere: the version rows are the hot locks.
      const versions = new Map<string, number>();
      for (const projectId of [...plan.changes.keys()].sort()) {
        versions.set(projectId, await this.freshness.stamp(manager, projectId));
      }
      return { plan, versions };
    });
    for (const [projectId, version] of versions) {
      const change = plan.changes.get(projectId);
      if (change) this.freshness.committed(projectId, version, change);
    }
    if (plan.events.length > 0) this.outbox.committed(plan.events);
    return plan.outcomes;
  }

  /** Locks the rows the units update or delete, then finds who holds the texts they write. */
  private async view(manager: EntityManager, units: WriteUnit[]): Promise<WriteView> {
    const rows = new Map<string, MemoryEntity>();
    for (const [projectId, targets] of targetsByProject(units)) {
      const updated = [...targets.entries()].filter(([, update]) => update).map(([id]) => id);
      const deleted = [...targets.entries()].filter(([, update]) => !update).map(([id]) => id);
      const locked = [
        ...(await this.writes.lockRows(manager, projectId, updated, true)),
        ...(await this.writes.lockRows(manager, projectId, deleted, false)),
      ];
      for (const row of locked) rows.set(rowKey(projectId, row.id), row);
    }
    // The ids imports want to keep: one the project holds already makes the import a duplicate.
    for (const [projectId, ids] of importedIdsByProject(units)) {
      const wanted = ids.filter((id) => !rows.has(rowKey(projectId, id)));
      for (const row of await this.writes.lockRows(manager, projectId, wanted, false)) {
        rows.set(rowKey(projectId, row.id), row);
      }
    }
    const keys = units.flatMap((unit) =>
      unit.changes.flatMap((change) => {
        if (change.kind === 'add') {
          return [
            { projectId: unit.projectId, scopeKey: scopeKey(change.scope), hash: md5(change.text) },
          ];
        }
        const row =
          change.kind === 'update' &&
          change.text &&
          rows.get(rowKey(unit.projectId, change.memoryId));
        return row
          ? [{ projectId: unit.projectId, scopeKey: row.scopeKey, hash: md5(change.text!) }]
          : [];
      }),
    );
    const holders = new Map<string, string>();
    for (const holder of await this.writes.textHolders(manager, keys)) {
      holders.set(textKey(holder.projectId, holder.scopeKey, holder.hash), holder.id);
    }
    return { rows, holders };
  }
}

/** Per project, the memory ids the units touch: true when one of them updates it. */
function targetsByProject(units: WriteUnit[]): Map<string, Map<string, boolean>> {
  const targets = new Map<string, Map<string, boolean>>();
  for (const unit of units) {
    for (const change of unit.changes) {
      if (change.kind === 'add') continue;
      const ids = targets.get(unit.projectId) ?? new Map<string, boolean>();
      targets.set(unit.projectId, ids);
      ids.set(change.memoryId, (ids.get(change.memoryId) ?? false) || change.kind === 'update');
    }
  }
  return targets;
}

/** Per project, the ids that imported memories ask to keep. */
function importedIdsByProject(units: WriteUnit[]): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const unit of units) {
    for (const change of unit.changes) {
      if (change.kind !== 'add' || !change.imported) continue;
      const list = ids.get(unit.projectId) ?? [];
      ids.set(unit.projectId, list);
      list.push(change.imported.id);
    }
  }
  return ids;
}
