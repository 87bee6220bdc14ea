import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { extractionSettingsOf, type ExtractionSettings } from './project-settings';
import { ProjectsRepository } from './projects.repository';

const settingsTtlMs = 5_000;

/**
 * A project's extraction settings for the add path. Cached a few seconds: a PATCH shows at once
 * on the instance that made it, on others within that time.
 */
@Injectable()
export class ProjectSettingsService {
  private readonly cache = new LRUCache<string, ExtractionSettings>({
    max: 10_000,
    ttl: settingsTtlMs,
  });

  constructor(private readonly projects: ProjectsRepository) {}

  async settingsOf(projectId: string): Promise<ExtractionSettings> {
    const cached = this.cache.get(projectId);
    if (cached) return cached;
    const project = await this.projects.findById(projectId);
    const settings = project ? extractionSettingsOf(project.settings) : {};
    this.cache.set(projectId, settings);
    return settings;
  }

  forget(projectId: string): void {
    this.cache.delete(projectId);
  }
}
