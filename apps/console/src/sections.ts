import type { Identity } from './api/session';

export type SectionId =
  'memories' | 'entities' | 'events' | 'webhooks' | 'members' | 'keys' | 'sql';

interface Section {
  id: SectionId;
  label: string;
  /** pages a key may not use are neither linked nor opened */
  allowed: (identity: Identity) => boolean;
}

const everyone = () => true;
const owners = (identity: Identity) => identity.role === 'OWNER';

export const sections: Section[] = [
  { id: 'memories', label: 'Memories', allowed: everyone },
  { id: 'entities', label: 'Users, agents, runs', allowed: everyone },
  { id: 'events', label: 'Add events', allowed: everyone },
  { id: 'webhooks', label: 'Webhooks', allowed: everyone },
  { id: 'members', label: 'Members', allowed: owners },
  // The key routes are the admin's: a project key cannot list or make keys.
  { id: 'keys', label: 'API keys', allowed: (identity) => identity.isAdmin },
  { id: 'sql', label: 'SQL access', allowed: owners },
];

export function sectionOf(segment: string | undefined, identity: Identity): Section | undefined {
  const section = sections.find((candidate) => candidate.id === (segment ?? 'memories'));
  return section?.allowed(identity) ? section : undefined;
}
