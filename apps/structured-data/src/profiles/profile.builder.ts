import { Inject, Injectable } from '@nestjs/common';
import type { JsonObject, MemoryRecord } from '@mnemo/contracts';
import type { Logger } from '@mnemo/observability';
import { LOGGER } from '@mnemo/service-kit';
import { SchemaShaper } from '../json-schema/schema-shaper';
import { LLM, type OptionalLlm } from '../llm/llm.token';
import { localProfile } from './local-profile';
import { profileFromLlm } from './llm-profile';
import type { ProfileRules } from './profile-settings.service';

/**
 * A user's profile from their memories: shaped by the project's profile schema when one is set
 * (LLM or local mapping), else written by the LLM, else grouped facts by category.
 */
@Injectable()
export class ProfileBuilder {
  constructor(
    private readonly shaper: SchemaShaper,
    @Inject(LLM) private readonly llm: OptionalLlm,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async build(userId: string, memories: MemoryRecord[], rules: ProfileRules): Promise<JsonObject> {
    if (rules.schema) {
      const source = { memories, scope: { userId }, now: new Date() };
      const shaped = await this.shaper.shape(
        rules.schema,
        source,
        rules.customInstructions ?? undefined,
      );
      return isObject(shaped.value) ? shaped.value : { profile: shaped.value };
    }
    if (this.llm) {
      try {
        return await profileFromLlm(this.llm, memories, rules.customInstructions);
      } catch (err) {
        this.logger.warn({ err }, 'LLM profile failed; using the local profile');
      }
    }
    return localProfile(memories);
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
