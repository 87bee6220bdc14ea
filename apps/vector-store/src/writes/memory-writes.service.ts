import { Injectable } from '@nestjs/common';
import type { AddResult, MemoryWriteCommand } from '@mnemo/contracts';
import { WriteGroupCommitter } from './write-group.committer';
import { commandUnit } from './write-unit';

/** Applies write commands (an add's ops) through group commit; idempotent on the event id. */
@Injectable()
export class MemoryWritesService {
  constructor(private readonly committer: WriteGroupCommitter) {}

  async apply(command: MemoryWriteCommand): Promise<AddResult[]> {
    return (await this.committer.submit(commandUnit(command))).results;
  }
}
