import { Injectable } from '@nestjs/common';
import { DomainError, type AddResult } from '@mnemo/contracts';
import { ChannelBClient } from '@mnemo/clients';
import { MemoryAddService, type AddInput } from '../memories/memory-add.service';
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
    private readonly channelB: ChannelBClient,
  ) {}

  /** Keeps the conversation itself in channel B, next to the facts drawn from it. */
  private async recordSession(input: AddInput, session: true | string): Promise<void> {
    const messages = input.messages.filter((message) => message.content.trim() !== '');
    if (messages.length === 0) return;
    await this.channelB.appendMessages({
      projectId: input.projectId,
      sessionId: session === true ? (input.scope.runId ?? 'default') : session,
      userId: input.scope.userId ?? null,
      messages: messages.map(({ role, content }) => ({ role, content })),
    });
  }

  async add(projectId: string, body: PlatformAdd): Promise<PlatformAddOutcome> {
    const input = toAddInput(projectId, body, await this.settings.settingsOf(projectId));
    if (body.record_session) await this.recordSession(input, body.record_session);
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
