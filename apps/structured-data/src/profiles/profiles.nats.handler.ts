import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  createProfileJobContract,
  getProfileJobContract,
  getProfileSettingsContract,
  getUserProfileContract,
  updateProfileSettingsContract,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceIdentity } from '@mnemo/service-kit';
import { ProfileJobsService } from './profile-jobs.service';
import { ProfileSettingsService } from './profile-settings.service';
import { UserProfilesService } from './user-profiles.service';

/** Profiles over NATS: read one, queue and watch jobs, read and change settings. */
@Injectable()
export class ProfilesNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
    private readonly profiles: UserProfilesService,
    private readonly jobs: ProfileJobsService,
    private readonly settings: ProfileSettingsService,
  ) {}

  onApplicationBootstrap(): void {
    const queue = this.identity.service;
    this.bus.respond(
      getUserProfileContract,
      async ({ projectId, entityId }) => ({
        profile: await this.profiles.get(projectId, entityId),
      }),
      queue,
    );
    this.bus.respond(
      createProfileJobContract,
      ({ projectId, job, idempotencyKey }) => this.jobs.create(projectId, job, idempotencyKey),
      queue,
    );
    this.bus.respond(
      getProfileJobContract,
      async ({ projectId, jobId }) => ({ job: await this.jobs.find(projectId, jobId) }),
      queue,
    );
    this.bus.respond(
      getProfileSettingsContract,
      async ({ projectId }) => ({ settings: await this.settings.get(projectId) }),
      queue,
    );
    this.bus.respond(
      updateProfileSettingsContract,
      async (patch) => ({ settings: await this.settings.update(patch) }),
      queue,
    );
  }
}
