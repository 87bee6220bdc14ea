import { Inject, Injectable } from '@nestjs/common';
import { ChannelBClient, VectorStoreClient } from '@mnemo/clients';
import { isDomainError } from '@mnemo/contracts';
import type { Logger } from '@mnemo/observability';
import { LOGGER } from '@mnemo/service-kit';

/** Removes what a project owns in the other services before the project itself goes. */
@Injectable()
export class ProjectDataEraser {
  constructor(
    private readonly vectorStore: VectorStoreClient,
    private readonly channelB: ChannelBClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async erase(projectId: string): Promise<void> {
    await this.vectorStore.reset(projectId);
    try {
      await this.channelB.dropSpace(projectId);
    } catch (err) {
      // A deployment without the structured-data service has no SQL spaces to drop.
      if (!isDomainError(err) || err.code !== 'unavailable') throw err;
      this.logger.warn({ projectId }, 'structured-data is not running: no SQL space dropped');
    }
  }
}
