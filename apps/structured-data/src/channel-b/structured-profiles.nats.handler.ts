import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  deleteStructuredProfileContract,
  getStructuredProfileContract,
  patchStructuredProfileContract,
  upsertStructuredProfileContract,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceIdentity } from '@mnemo/service-kit';
import { StructuredProfilesService } from './structured-profiles.service';

@Injectable()
export class StructuredProfilesNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
    private readonly profiles: StructuredProfilesService,
  ) {}

  onApplicationBootstrap(): void {
    const queue = this.identity.service;
    this.bus.respond(
      upsertStructuredProfileContract,
      (request) => this.profiles.upsert(request),
      queue,
    );
    this.bus.respond(
      getStructuredProfileContract,
      async (request) => ({
        profile: await this.profiles.find(request.projectId, request.userId),
      }),
      queue,
    );
    this.bus.respond(
      patchStructuredProfileContract,
      async (request) => ({ profile: await this.profiles.patch(request) }),
      queue,
    );
    this.bus.respond(
      deleteStructuredProfileContract,
      async (request) => ({
        deleted: await this.profiles.delete(request.projectId, request.userId),
      }),
      queue,
    );
  }
}
