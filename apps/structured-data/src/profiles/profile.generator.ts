import { Injectable } from '@nestjs/common';
import { MemorySource } from '../memories/memory-source';
import { ProfileBuilder } from './profile.builder';
import { ProfileDocumentsRepository } from './profile-documents.repository';
import type { ProfileRules } from './profile-settings.service';

export type GenerationOutcome = 'succeeded' | 'skipped';

/** Generates and stores one user's profile; a user without memories is skipped. */
@Injectable()
export class ProfileGenerator {
  constructor(
    private readonly source: MemorySource,
    private readonly builder: ProfileBuilder,
    private readonly documents: ProfileDocumentsRepository,
  ) {}

  async generate(
    projectId: string,
    userId: string,
    rules: ProfileRules,
  ): Promise<GenerationOutcome> {
    const { memories } = await this.source.collect(projectId, { user_id: userId });
    if (memories.length === 0) {
      await this.documents.store(projectId, userId, {}, 'insufficient_data');
      return 'skipped';
    }
    const profile = await this.builder.build(userId, memories, rules);
    await this.documents.store(projectId, userId, profile, 'succeeded');
    return 'succeeded';
  }
}
