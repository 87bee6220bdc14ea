import { Injectable } from '@nestjs/common';
import { ApiKeyResolver } from './api-key.resolver';
import { ProjectSettingsService } from './project-settings.service';

/** This instance's caches of a project: cleared when the project, its keys or members change. */
@Injectable()
export class TenancyCaches {
  constructor(
    private readonly resolver: ApiKeyResolver,
    private readonly settings: ProjectSettingsService,
  ) {}

  forgetProject(projectId: string): void {
    this.resolver.forgetProject(projectId);
    this.settings.forget(projectId);
  }

  forgetKey(keyHash: string): void {
    this.resolver.forgetKey(keyHash);
  }
}
