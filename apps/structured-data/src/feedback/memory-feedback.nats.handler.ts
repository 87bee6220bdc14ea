import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { recordMemoryFeedbackContract } from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceIdentity } from '@mnemo/service-kit';
import { MemoryFeedbackService } from './memory-feedback.service';

@Injectable()
export class MemoryFeedbackNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
    private readonly feedback: MemoryFeedbackService,
  ) {}

  onApplicationBootstrap(): void {
    this.bus.respond(
      recordMemoryFeedbackContract,
      (request) => this.feedback.record(request),
      this.identity.service,
    );
  }
}
