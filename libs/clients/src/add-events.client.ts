import { Injectable } from '@nestjs/common';
import {
  getAddEventContract,
  listAddEventsContract,
  type AddEvent,
  type AddEventStatus,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';

/** Add events, kept by the extractor. */
@Injectable()
export class AddEventsClient {
  constructor(private readonly bus: NatsBus) {}

  async get(projectId: string, eventId: string): Promise<AddEvent | null> {
    return (await this.bus.request(getAddEventContract, { projectId, eventId })).event;
  }

  list(projectId: string, limit: number, offset: number, status?: AddEventStatus) {
    return this.bus.request(listAddEventsContract, { projectId, limit, offset, status });
  }
}
