import { ApiError, type JsonHttp } from '../http-json';
import type { Json, ScopeFilter } from '../memory-shape';

/** The most memories the open-source server lists for one scope (`top_k` may not go higher). */
export const ossListLimit = 1000;

interface OssEntity {
  id: string;
  type: string;
}

/** What `readOssMemories` hears while it reads. */
export interface OssReadEvents {
  /** scopes listed so far, of how many */
  onScope?: (done: number, total: number) => void;
  warn?: (message: string) => void;
}

const scopeField: Record<string, string> = { user: 'user_id', agent: 'agent_id', run: 'run_id' };

/**
 * Every memory of an open-source Mem0 server (its REST API): the users, agents and runs from
 * `GET /entities`, then `GET /memories?user_id=...` for each (the server lists per scope, at most
 * 1000 memories each). With a scope filter, only that scope is listed. A memory of several scopes
 * (a user and an agent) is listed under each and kept once.
 */
export async function readOssMemories(
  http: JsonHttp,
  filter: ScopeFilter,
  events: OssReadEvents = {},
): Promise<Json[]> {
  if (filter.app_id !== undefined) {
    throw new Error(
      'the open-source server has no app_id scope: use --user-id, --agent-id or --run-id',
    );
  }
  const scopes = namesOssScope(filter)
    ? [filter as Record<string, string>]
    : await entityScopes(http);
  const memories = new Map<string, Json>();
  let done = 0;
  events.onScope?.(0, scopes.length);
  for (const scope of scopes) {
    const answer = await http.request<{ results?: Json[] } | Json[]>({
      method: 'GET',
      path: '/memories',
      query: { ...scope, top_k: ossListLimit, show_expired: true },
    });
    const results = Array.isArray(answer) ? answer : (answer.results ?? []);
    if (results.length >= ossListLimit) {
      events.warn?.(
        `${describeScope(scope)} lists ${results.length} memories, the most the open-source ` +
          'server returns for one scope: it may hold more, which were not read',
      );
    }
    for (const memory of results) memories.set(String(memory['id']), memory);
    done += 1;
    events.onScope?.(done, scopes.length);
  }
  return [...memories.values()];
}

/** The open-source server scopes by user, agent and run only (it has no app scope). */
function namesOssScope(filter: ScopeFilter): boolean {
  return (
    filter.user_id !== undefined || filter.agent_id !== undefined || filter.run_id !== undefined
  );
}

async function entityScopes(http: JsonHttp): Promise<Record<string, string>[]> {
  let entities: OssEntity[];
  try {
    const answer = await http.request<OssEntity[] | { results?: OssEntity[] }>({
      method: 'GET',
      path: '/entities',
    });
    entities = Array.isArray(answer) ? answer : (answer.results ?? []);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) {
      throw new Error(
        'this server has no GET /entities (an older open-source Mem0 server): name the scope ' +
          'to read with --user-id, --agent-id or --run-id',
      );
    }
    throw error;
  }
  return entities.flatMap((entity) => {
    const field = scopeField[entity.type];
    const id = entity.id ?? (entity as unknown as Json)['name'];
    return field && typeof id === 'string' ? [{ [field]: id }] : [];
  });
}

function describeScope(scope: Record<string, string>): string {
  return Object.entries(scope)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
}
