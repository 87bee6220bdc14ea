import { Injectable } from '@nestjs/common';
import {
  createMemoryExportContract,
  createProfileJobContract,
  getMemoryExportContract,
  getProfileJobContract,
  getProfileSettingsContract,
  getUserProfileContract,
  recordMemoryFeedbackContract,
  summarizeMemoriesContract,
  updateProfileSettingsContract,
  type MemoryExport,
  type MemoryFeedback,
  type MemorySummaryItem,
  type ProfileJob,
  type ProfileSettings,
  type RequestOf,
  type ResponseOf,
  type UserProfile,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';

/** The structured-data service over NATS: exports, summaries, feedback, profiles. */
@Injectable()
export class StructuredDataClient {
  constructor(private readonly bus: NatsBus) {}

  /** Queues an export and answers its id at once; the export is built in the background. */
  async createExport(request: RequestOf<typeof createMemoryExportContract>): Promise<string> {
    return (await this.bus.request(createMemoryExportContract, request)).id;
  }

  async getExport(
    request: RequestOf<typeof getMemoryExportContract>,
  ): Promise<MemoryExport | null> {
    return (await this.bus.request(getMemoryExportContract, request)).export;
  }

  async summarize(
    request: RequestOf<typeof summarizeMemoriesContract>,
  ): Promise<MemorySummaryItem[]> {
    // Summaries may wait on an LLM: allow more than the default request timeout.
    return (await this.bus.request(summarizeMemoriesContract, request, { timeoutMs: 120000 }))
      .summaries;
  }

  recordFeedback(request: RequestOf<typeof recordMemoryFeedbackContract>): Promise<MemoryFeedback> {
    return this.bus.request(recordMemoryFeedbackContract, request);
  }

  async userProfile(request: RequestOf<typeof getUserProfileContract>): Promise<UserProfile> {
    return (await this.bus.request(getUserProfileContract, request)).profile;
  }

  createProfileJob(
    request: RequestOf<typeof createProfileJobContract>,
  ): Promise<ResponseOf<typeof createProfileJobContract>> {
    return this.bus.request(createProfileJobContract, request);
  }

  async profileJob(projectId: string, jobId: string): Promise<ProfileJob | null> {
    return (await this.bus.request(getProfileJobContract, { projectId, jobId })).job;
  }

  async profileSettings(projectId: string): Promise<ProfileSettings> {
    return (await this.bus.request(getProfileSettingsContract, { projectId })).settings;
  }

  async updateProfileSettings(
    request: RequestOf<typeof updateProfileSettingsContract>,
  ): Promise<ProfileSettings> {
    return (await this.bus.request(updateProfileSettingsContract, request)).settings;
  }
}
