import { Inject, Injectable } from '@nestjs/common';
import { sqlErrorCode } from '@mnemo/persistence';
import { isDomainError } from '@mnemo/contracts';
import { EmbedderClient } from '@mnemo/clients';
import { APP_CONFIG } from '@mnemo/service-kit';
import type { VectorStoreConfig } from '../config/vector-store.config';
import { appliedKey, MemoryWritesRepository } from '../memories/memory-writes.repository';
import { acceptCarriedVectors, assertSameDimensions, ModelDimensions } from './carried-vectors';
import { WriteBatchApplier } from './write-batch.applier';
import { WriteGroupMetrics } from './write-group.metrics';
import { needsEmbedding, unitBytes, type UnitOutcome, type WriteUnit } from './write-unit';

interface Pending {
  unit: WriteUnit;
  bytes: number;
  /** answered already (a replay, an invalid write): a fallback skips it */
  settled: boolean;
  resolve: (outcome: UnitOutcome) => void;
  reject: (error: unknown) => void;
}

// One embedder request stays well inside a NATS payload and the contract's 2048 texts.
const embedTexts = 512;
const embedChars = 256 * 1024;
// A write that lost a race (the same text or event committed by another writer) is tried again.
const attemptsAlone = 3;

/**
 * Group commit: writes queue here and are applied many to a transaction, in the order they came,
 * so a scope's writes keep their order. Each caller hears of its own write only after commit; a
 * write that fails its group makes the group's writes go one by one, so it fails alone. Two
 * stages, each in order: the texts of the next writes are embedded while the writes before them
 * commit, so a transaction does not wait for the embedder nor the embedder for a transaction.
 */
@Injectable()
export class WriteGroupCommitter {
  // Writes whose texts still need vectors, then writes ready for their transaction.
  private readonly toEmbed: Pending[] = [];
  private readonly toCommit: Pending[] = [];
  private embedding = false;
  private committing = false;
  private readonly dimensions = new ModelDimensions();

  constructor(
    private readonly applier: WriteBatchApplier,
    private readonly writes: MemoryWritesRepository,
    private readonly embedder: EmbedderClient,
    private readonly metrics: WriteGroupMetrics,
    @Inject(APP_CONFIG) private readonly config: VectorStoreConfig,
  ) {}

  submit(unit: WriteUnit): Promise<UnitOutcome> {
    return new Promise((resolve, reject) => {
      const pending: Pending = {
        unit,
        bytes: unitBytes(unit),
        settled: false,
        resolve: (outcome) => {
          pending.settled = true;
          resolve(outcome);
        },
        reject: (error) => {
          pending.settled = true;
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      };
      this.toEmbed.push(pending);
      if (this.embedding) return;
      this.embedding = true;
      // After this turn's I/O callbacks, so writes that arrived together are embedded together.
      setImmediate(() => void this.embedStage());
    });
  }

  private async embedStage(): Promise<void> {
    try {
      while (this.toEmbed.length > 0) {
        const group = this.take(this.toEmbed);
        await this.prepare(group);
        this.toCommit.push(...group.filter((pending) => !pending.settled));
        if (this.committing) continue;
        this.committing = true;
        void this.commitStage();
      }
    } finally {
      this.embedding = false;
    }
  }

  private async commitStage(): Promise<void> {
    try {
      while (this.toCommit.length > 0) await this.commitGroup(this.take(this.toCommit));
    } finally {
      this.committing = false;
    }
  }

  /**
   * Refuses carried vectors of the wrong size and embeds every text still without one, in as few
   * requests as the limits allow; when the group's embedding fails, each write is embedded alone,
   * so a text the provider refuses fails only its own write.
   */
  private async prepare(group: Pending[]): Promise<void> {
    const valid = this.settleInvalid(group, (unit) => acceptCarriedVectors(unit, this.dimensions));
    try {
      await this.embed(valid.map((pending) => pending.unit));
    } catch {
      for (const pending of valid) {
        await this.embed([pending.unit]).catch((error: unknown) => pending.reject(error));
      }
    }
  }

  /** What is queued, up to the group's size and byte caps (always at least one write). */
  private take(queue: Pending[]): Pending[] {
    let bytes = 0;
    let count = 0;
    for (const pending of queue) {
      if (
        count > 0 &&
        (count >= this.config.MNEMO_WRITE_GROUP_MAX ||
          bytes + pending.bytes > this.config.MNEMO_WRITE_GROUP_MAX_BYTES)
      )
        break;
      bytes += pending.bytes;
      count += 1;
    }
    return queue.splice(0, count);
  }

  private async commitGroup(group: Pending[]): Promise<void> {
    const leaders = joinSameEvent(group);
    if (leaders.length === 1) return this.commitAlone(leaders[0]);
    try {
      await this.commit(leaders);
      this.metrics.committed(leaders.length);
    } catch {
      this.metrics.fellBack();
      for (const pending of leaders) {
        if (!pending.settled) await this.commitAlone(pending);
      }
    }
  }

  private async commitAlone(pending: Pending): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.commit([pending]);
        this.metrics.committed(1);
        return;
      } catch (error) {
        if (attempt >= attemptsAlone || !isLostRace(error)) return pending.reject(error);
      }
    }
  }

  /** Answers replays, applies the rest (their texts have their vectors by now). */
  private async commit(group: Pending[]): Promise<void> {
    const fresh = await this.withoutReplays(group);
    const ready = this.settleInvalid(fresh, assertSameDimensions);
    if (ready.length === 0) return;
    const outcomes = await this.applier.apply(ready.map((pending) => pending.unit));
    ready.forEach((pending, index) => pending.resolve(outcomes[index]));
  }

  /** A command applied before (redelivered, or sent again) is answered with what it did then. */
  private async withoutReplays(group: Pending[]): Promise<Pending[]> {
    const keys = group.flatMap(({ unit }) =>
      unit.eventId ? [{ projectId: unit.projectId, eventId: unit.eventId }] : [],
    );
    if (keys.length === 0) return group;
    const applied = await this.writes.appliedResults(keys);
    return group.filter(({ unit, resolve }) => {
      const results = unit.eventId && applied.get(appliedKey(unit.projectId, unit.eventId));
      if (results) resolve({ results, changes: [] });
      return !results;
    });
  }

  /** Rejects the writes `check` refuses (a validation error is theirs alone); keeps the others. */
  private settleInvalid(group: Pending[], check: (unit: WriteUnit) => void): Pending[] {
    return group.filter((pending) => {
      try {
        check(pending.unit);
        return true;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        pending.reject(error);
        return false;
      }
    });
  }

  /** Every text still without a vector, in as few embedder requests as the limits allow. */
  private async embed(units: WriteUnit[]): Promise<void> {
    const changes = units.flatMap((unit) => unit.changes.filter(needsEmbedding));
    const requests: (typeof changes)[] = [];
    let chars = 0;
    for (const change of changes) {
      const last = requests.at(-1);
      if (last && last.length < embedTexts && chars + change.text!.length <= embedChars) {
        last.push(change);
      } else {
        requests.push([change]);
        chars = 0;
      }
      chars += change.text!.length;
    }
    await Promise.all(
      requests.map(async (request) => {
        const { model, vectors } = await this.embedder.embedDocuments(
          request.map((change) => change.text!),
        );
        if (vectors[0]) this.dimensions.learn(model, vectors[0].length);
        request.forEach((change, index) => (change.embedded = { vector: vectors[index], model }));
      }),
    );
    this.metrics.embedded(changes.length, requests.length);
  }
}

/** The same command twice in one group (a redelivery racing the first) is applied once. */
function joinSameEvent(group: Pending[]): Pending[] {
  const leaders = new Map<string, Pending>();
  const result: Pending[] = [];
  for (const pending of group) {
    const key = pending.unit.eventId && appliedKey(pending.unit.projectId, pending.unit.eventId);
    const leader = key ? leaders.get(key) : undefined;
    if (!leader) {
      if (key) leaders.set(key, pending);
      result.push(pending);
      continue;
    }
    const { resolve, reject } = leader;
    leader.resolve = (outcome) => {
      resolve(outcome);
      pending.resolve({ results: outcome.results, changes: [] });
    };
    leader.reject = (error) => {
      reject(error);
      pending.reject(error);
    };
  }
  return result;
}

/** Another writer committed the same text or event first, or the database chose us as a deadlock victim. */
function isLostRace(error: unknown): boolean {
  const code = sqlErrorCode(error);
  return code === 'ER_DUP_ENTRY' || code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}
