import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { summarizeMemoriesContract } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceIdentity } from '@mnemo/service-kit';
import { MemorySummaryService } from './memory-summary.service';

@Injectable()
export class MemorySummaryNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
    private readonly summaries: MemorySummaryService,
  ) {}

  onApplicationBootstrap(): void {
    this.bus.respond(
      summarizeMemoriesContract,
      async ({ projectId, filters }) => ({
        summaries: await this.summaries.summarize(projectId, filters),
      }),
      this.identity.service,
    );
  }
}
