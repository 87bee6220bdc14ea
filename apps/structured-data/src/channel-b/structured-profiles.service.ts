import { Injectable } from '@nestjs/common';
import type {
  ParsedRequestOf,
  ResponseInputOf,
  StructuredProfile,
  patchStructuredProfileContract,
  upsertStructuredProfileContract,
} from '@mnemo/contracts';
import { SqlSpacesService } from './sql-spaces.service';
import { StructuredProfilesRepository } from './structured-profiles.repository';

type Upsert = ParsedRequestOf<typeof upsertStructuredProfileContract>;
type Patch = ParsedRequestOf<typeof patchStructuredProfileContract>;

/** The built-in `user_profiles` model of a project's SQL space. */
@Injectable()
export class StructuredProfilesService {
  constructor(
    private readonly spaces: SqlSpacesService,
    private readonly profiles: StructuredProfilesRepository,
  ) {}

  upsert(request: Upsert): Promise<ResponseInputOf<typeof upsertStructuredProfileContract>> {
    const fields = {
      nickname: request.profile.nickname ?? null,
      city: request.profile.city ?? null,
      vipLevel: request.profile.vipLevel ?? null,
      attributes: request.profile.attributes ?? null,
    };
    return this.spaces.withDataSchema(request.projectId, async (schema) => {
      const created = await this.profiles.upsert(schema, request.userId, fields, new Date());
      const profile = await this.profiles.find(schema, request.userId);
      if (!profile) throw new Error('the profile just written is gone');
      return { profile, created };
    });
  }

  find(projectId: string, userId: string): Promise<StructuredProfile | null> {
    return this.spaces.withDataSchema(projectId, (schema) => this.profiles.find(schema, userId));
  }

  patch(request: Patch): Promise<StructuredProfile | null> {
    return this.spaces.withDataSchema(request.projectId, async (schema) => {
      const found = await this.profiles.patch(schema, request.userId, request.patch, new Date());
      return found ? this.profiles.find(schema, request.userId) : null;
    });
  }

  delete(projectId: string, userId: string): Promise<boolean> {
    return this.spaces.withDataSchema(projectId, (schema) => this.profiles.delete(schema, userId));
  }
}
