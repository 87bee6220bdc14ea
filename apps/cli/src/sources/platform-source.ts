import type { JsonHttp } from '../http-json';
import { entityFields, type Json, type ScopeFilter } from '../memory-shape';

/** The Platform's (and Mnemo's) largest page of `POST /v3/memories/`. */
export const platformPageSize = 200;

/**
 * The filters that list the memories a scope filter names: all of them when it names none (every
 * memory belongs to at least one user, agent, app or run; `*` matches any).
 */
export function platformFilters(filter: ScopeFilter): Json {
  const given = entityFields.filter((field) => filter[field] !== undefined);
  if (given.length === 0) return { OR: entityFields.map((field) => ({ [field]: '*' })) };
  if (given.length === 1) return { [given[0]]: filter[given[0]] };
  return { AND: given.map((field) => ({ [field]: filter[field] })) };
}

interface Page {
  count?: number;
  next?: string | null;
  results?: Json[];
}

/**
 * Every memory a filter matches, page by page through `POST /v3/memories/` (what
 * `MemoryClient.getAll()` calls), expired ones included; `onPage` hears how many were read of how
 * many. A memory listed twice (the list moved while it was read) is kept once.
 */
export async function readPlatformMemories(
  http: JsonHttp,
  filter: ScopeFilter,
  onPage: (read: number, total: number) => void = () => undefined,
): Promise<Json[]> {
  const memories = new Map<string, Json>();
  const filters = platformFilters(filter);
  for (let page = 1; ; page += 1) {
    const answer = await http.request<Page | Json[]>({
      method: 'POST',
      path: '/v3/memories/',
      query: { page, page_size: platformPageSize },
      body: { filters, show_expired: true },
    });
    // A bare list is the whole answer (a server that does not page).
    const results = Array.isArray(answer) ? answer : (answer.results ?? []);
    for (const memory of results) memories.set(String(memory['id']), memory);
    const total = Array.isArray(answer) ? memories.size : (answer.count ?? memories.size);
    onPage(memories.size, Math.max(total, memories.size));
    if (Array.isArray(answer) || !answer.next || results.length === 0) break;
  }
  return [...memories.values()];
}
