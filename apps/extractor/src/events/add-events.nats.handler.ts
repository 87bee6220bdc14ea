import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  getAddEventContract,
  listAddEventsContract,
  registerAddEventContract,
  withinReplyBudget,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { ServiceRuntime } from '@mnemo/service-kit';
import { AddEventsRepository } from './add-events.repository';

@Injectable()
export class AddEventsNatsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: NatsBus,
    private readonly runtime: ServiceRuntime,
    private readonly events: AddEventsRepository,
  ) {}

  onApplicationBootstrap(): void {
    const queue = this.runtime.service;
    this.bus.respond(
      registerAddEventContract,
      async (event) => {
        await this.events.register(event);
        return { registered: true };
      },
      queue,
    );
    this.bus.respond(
      getAddEventContract,
      async ({ projectId, eventId }) => ({
        event: await this.events.get(projectId, eventId),
      }),
      queue,
    );
    this.bus.respond(
      listAddEventsContract,
      async ({ projectId, limit, offset, status }) => {
        const page = await this.events.list(projectId, limit, offset, status);
        return { results: withinReplyBudget(page.results), total: page.total };
      },
      queue,
    );
  }
}
