import { DomainError } from '@mnemo/contracts';
import { openThrowawayDatabase, type ThrowawayDatabase } from '@mnemo/persistence';
import { gatewayDatabase } from '../database/database.module';
import type { Tenant } from '../tenancy/tenant';
import { AddEventsRepository } from './add-events.repository';
import { EventsHttpController } from './events.http.controller';

/** An async add answers before its PENDING row is written: a read at once must still find it. */
describe('EventsHttpController event reads (MariaDB)', () => {
  let spec: ThrowawayDatabase;
  let events: AddEventsRepository;
  let controller: EventsHttpController;
  const tenant = { projectId: 'p1' } as Tenant;
  const register = (eventId: string) =>
    events.register({
      eventId,
      projectId: 'p1',
      eventType: 'ADD',
      payload: { messages: [{ role: 'user', content: 'I grow tea' }], user_id: 'u1' },
      metadata: null,
    });

  beforeAll(async () => {
    spec = await openThrowawayDatabase('mnemo_event_reads_test', gatewayDatabase);
    events = new AddEventsRepository(spec.dataSource);
    controller = new EventsHttpController(events);
  });

  afterAll(() => spec?.drop());

  it('finds an event whose row lands just after the read began', async () => {
    const read = controller.get(tenant, 'e-late');
    setTimeout(() => void register('e-late'), 60);
    await expect(read).resolves.toMatchObject({ id: 'e-late', status: 'PENDING' });
  });

  it('answers 404 for an unknown event within half a second', async () => {
    const began = Date.now();
    const read = controller.get(tenant, 'e-unknown');
    await expect(read).rejects.toBeInstanceOf(DomainError);
    await expect(read).rejects.toMatchObject({ code: 'not_found' });
    expect(Date.now() - began).toBeLessThan(500);
  });
});
