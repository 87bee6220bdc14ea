import { Injectable } from '@nestjs/common';
import { DomainError, type AddResult } from '@mnemo/contracts';
import { MemoryAddService } from '../memories/memory-add.service';
import { ProjectSettingsService } from '../tenancy/project-settings.service';
import { toAddInput, waitsForResult } from './platform-add.mapping';
import type { PlatformAdd } from './platform-memories.schemas';

export type PlatformAddOutcome =
  | { status: 'PENDING'; eventId: string }
  | { status: 'SUCCEEDED'; eventId: string; results: AddResult[] };

export const queuedMessage = 'Memory processing has been queued for background execution';
export const completedMessage = 'Memory processing has been completed';

/** Platform adds: queued and answered at once by default, or waited for. */
@Injectable()
export class PlatformAddService {
  constructor(
    private readonly adds: MemoryAddService,
    private readonly settings: ProjectSettingsService,
  ) {}

  async add(projectId: string, body: PlatformAdd): Promise<PlatformAddOutcome> {
    const input = toAddInput(projectId, body, await this.settings.settingsOf(projectId));
    if (!waitsForResult(body)) {
      const accepted = await this.adds.accept(input);
      return { status: 'PENDING', eventId: accepted.eventId };
    }
    const completion = await this.adds.addAndWait(input);
    if (completion.status !== 'SUCCEEDED') throw new DomainError('internal', 'The add failed.');
    // NONE means "nothing changed": the Platform lists only what was written.
    const results = completion.results.filter((result) => result.event !== 'NONE');
    return { status: 'SUCCEEDED', eventId: completion.eventId, results };
  }
}
