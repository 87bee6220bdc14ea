import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  appendSessionMessagesContract,
  listSessionMessagesContract,
  readUserContextContract,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceIdentity } from '@mnemo/service-kit';
import { SessionMessagesService } from './session-messages.service';

@Injectable()
export class SessionMessagesNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly identity: ServiceIdentity,
    private readonly messages: SessionMessagesService,
  ) {}

  onApplicationBootstrap(): void {
    const queue = this.identity.service;
    this.bus.respond(
      appendSessionMessagesContract,
      async (request) => ({ messages: await this.messages.append(request) }),
      queue,
    );
    this.bus.respond(
      listSessionMessagesContract,
      async (request) => ({ messages: await this.messages.list(request) }),
      queue,
    );
    this.bus.respond(
      readUserContextContract,
      (request) => this.messages.userContext(request),
      queue,
    );
  }
}
