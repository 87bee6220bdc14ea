import { KeysPage } from './access/keys-page';
import { MembersPage } from './access/members-page';
import { SqlAccessPage } from './access/sql-access-page';
import { EntitiesPage } from './entities/entities-page';
import { EventsPage } from './events/events-page';
import { MemoriesPage } from './memories/memories-page';
import { MemoryPage } from './memories/memory-page';
import type { HashLocation } from './routing/hash-location';
import type { SectionId } from './sections';
import { PageTitle } from './ui/page-title';
import { WebhookPage } from './webhooks/webhook-page';
import { WebhooksPage } from './webhooks/webhooks-page';

/** The page at a location; a section the key may not use is not found, like a wrong address. */
export function pageFor(section: SectionId | undefined, { segments, params }: HashLocation) {
  const id = segments[1];
  switch (section) {
    case 'memories':
      return id ? <MemoryPage key={id} id={id} /> : <MemoriesPage params={params} />;
    case 'entities':
      return <EntitiesPage params={params} />;
    case 'events':
      return <EventsPage params={params} />;
    case 'webhooks':
      return id ? <WebhookPage key={id} id={id} /> : <WebhooksPage />;
    case 'members':
      return <MembersPage />;
    case 'keys':
      return <KeysPage />;
    case 'sql':
      return <SqlAccessPage />;
    case undefined:
      return (
        <>
          <PageTitle title="Not found" />
          <p>
            There is no such page for this key. <a href="#/memories">Go to the memories</a>.
          </p>
        </>
      );
  }
}
