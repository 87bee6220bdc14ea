import { Injectable } from '@nestjs/common';
import type { AddResult, MemoryWriteCommand } from '@mnemo/contracts';
import { appliedKey, MemoryWritesRepository } from '../memories/memory-writes.repository';
import { WriteGroupCommitter } from './write-group.committer';
import { commandUnit } from './write-unit';

/** Applies write commands (an add's ops) through group commit; idempotent on the event id. */
@Injectable()
export class MemoryWritesService {
  constructor(
    private readonly committer: WriteGroupCommitter,
    private readonly writes: MemoryWritesRepository,
  ) {}

  async apply(command: MemoryWriteCommand): Promise<AddResult[]> {
    return (await this.committer.submit(commandUnit(command))).results;
  }

  /** The recorded results of the command `eventId`, or null while it has not been applied. */
  async outcome(projectId: string, eventId: string): Promise<AddResult[] | null> {
    const found = await this.writes.appliedResults([{ projectId, eventId }]);
    return found.get(appliedKey(projectId, eventId)) ?? null;
  }
}
