import { Injectable } from '@nestjs/common';
import { ChannelBClient, VectorStoreClient } from '@mnemo/clients';

/** Removes what a project owns in the other services before the project itself goes. */
@Injectable()
export class ProjectDataEraser {
  constructor(
    private readonly vectorStore: VectorStoreClient,
    private readonly channelB: ChannelBClient,
  ) {}

  async erase(projectId: string): Promise<void> {
    await this.vectorStore.reset(projectId);
    await this.channelB.dropSpace(projectId);
  }
}
