import { Inject, Injectable } from '@nestjs/common';
import type {
  JsonObject,
  ParsedRequestOf,
  ProfileSettings,
  updateProfileSettingsContract,
} from '@mnemo/contracts';
import { compileJsonSchema } from '../json-schema/json-schema.validator';
import { LLM, type OptionalLlm } from '../llm/llm.token';
import { ProfileSettingsRepository } from './profile-settings.repository';

type SettingsPatch = ParsedRequestOf<typeof updateProfileSettingsContract>;

/** What profile generation follows in a project; projects without a row get the defaults. */
export interface ProfileRules {
  enabled: boolean;
  schema: JsonObject | null;
  customInstructions: string | null;
}

const defaults: ProfileRules = { enabled: true, schema: null, customInstructions: null };

@Injectable()
export class ProfileSettingsService {
  constructor(
    private readonly settings: ProfileSettingsRepository,
    @Inject(LLM) private readonly llm: OptionalLlm,
  ) {}

  async rules(projectId: string): Promise<ProfileRules> {
    const row = await this.settings.find(projectId);
    if (!row) return defaults;
    return {
      enabled: row.enabled,
      schema: row.userSchema,
      customInstructions: row.userCustomInstructions,
    };
  }

  async get(projectId: string): Promise<ProfileSettings> {
    return this.present(await this.rules(projectId));
  }

  /** Changes only what the patch names; a schema must compile. */
  async update(patch: SettingsPatch): Promise<ProfileSettings> {
    if (patch.user?.schema) compileJsonSchema(patch.user.schema);
    const current = await this.rules(patch.projectId);
    const next: ProfileRules = {
      enabled: patch.enabled ?? current.enabled,
      schema: patch.user?.schema === undefined ? current.schema : patch.user.schema,
      customInstructions:
        patch.user?.customInstructions === undefined
          ? current.customInstructions
          : patch.user.customInstructions,
    };
    await this.settings.save(patch.projectId, {
      enabled: next.enabled,
      userSchema: next.schema,
      userCustomInstructions: next.customInstructions,
    });
    return this.present(next);
  }

  private present(rules: ProfileRules): ProfileSettings {
    return {
      enabled: rules.enabled,
      user: { schema: rules.schema, customInstructions: rules.customInstructions },
      // Wire names: the gateway passes this object through as it is.
      capabilities: {
        entity_types: ['user'],
        operations: ['trigger', 'sample'],
        custom_schema: true,
        custom_instructions: true,
        llm: this.llm !== null,
        max_sample_limit: 100,
      },
    };
  }
}
