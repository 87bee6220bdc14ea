import type { Json } from '../memory-shape';
import { platformFilters } from '../sources/platform-source';
import { mnemoHttp, type TargetOptions } from '../targets';

export interface StatsCommandOptions extends TargetOptions {
  json?: boolean;
  top: number;
}

interface Entity {
  id?: string;
  name?: string;
  type: string;
  total_memories?: number;
}

/** `mnemo stats`: the key's project, its memory count, and its users, agents, apps and runs. */
export async function statsCommand(options: StatsCommandOptions): Promise<number> {
  const http = mnemoHttp(options);
  const [ping, listed, entities] = await Promise.all([
    http.request<Json>({ method: 'GET', path: '/v1/ping/' }),
    http.request<{ count?: number }>({
      method: 'POST',
      path: '/v3/memories/',
      query: { page: 1, page_size: 1 },
      body: { filters: platformFilters({}), show_expired: true },
    }),
    http.request<{ results?: Entity[] } | Entity[]>({ method: 'GET', path: '/v1/entities/' }),
  ]);
  const list = Array.isArray(entities) ? entities : (entities.results ?? []);
  const byType = (type: string) => list.filter((entity) => entity.type === type);
  const top = [...list]
    .sort((a, b) => (b.total_memories ?? 0) - (a.total_memories ?? 0))
    .slice(0, options.top)
    .map((entity) => ({
      type: entity.type,
      id: entity.name ?? entity.id ?? '',
      memories: entity.total_memories ?? 0,
    }));
  const stats = {
    url: http.baseUrl,
    org_id: textOf(ping['org_id']),
    project_id: textOf(ping['project_id']),
    memories: listed.count ?? 0,
    users: byType('user').length,
    agents: byType('agent').length,
    apps: byType('app').length,
    runs: byType('run').length,
    top_entities: top,
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `Mnemo at ${stats.url}, project ${stats.project_id ?? '?'} (organization ${stats.org_id ?? '?'})`,
    `Memories: ${stats.memories.toLocaleString('en-US')}`,
    `Users: ${stats.users}, agents: ${stats.agents}, apps: ${stats.apps}, runs: ${stats.runs}`,
  ];
  if (top.length > 0) {
    lines.push('Most memories:');
    for (const entity of top)
      lines.push(`  ${entity.memories.toString().padStart(8)}  ${entity.type} ${entity.id}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
