import { Injectable } from '@nestjs/common';
import {
  collectChunks,
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

  /** Replies are cut to the bus budget, so a page is gathered over as many requests as it needs. */
  list(projectId: string, limit: number, offset: number, status?: AddEventStatus) {
    return collectChunks(limit, offset, (size, from) =>
      this.bus.request(listAddEventsContract, { projectId, limit: size, offset: from, status }),
    );
  }
}
