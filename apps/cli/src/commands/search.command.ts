import type { Json } from '../memory-shape';
import { platformFilters } from '../sources/platform-source';
import { mnemoHttp, scopeFilter, type ScopeOptions, type TargetOptions } from '../targets';

export interface SearchCommandOptions extends TargetOptions, ScopeOptions {
  topK: number;
  threshold?: number;
  json?: boolean;
}

/** `mnemo search <query>`: the best matches (of the scope, or of the whole project) with scores. */
export async function searchCommand(query: string, options: SearchCommandOptions): Promise<number> {
  const answer = await mnemoHttp(options).request<Json[] | { results: Json[] }>({
    method: 'POST',
    path: '/v3/memories/search/',
    body: {
      query,
      filters: platformFilters(scopeFilter(options)),
      top_k: options.topK,
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    },
  });
  const results = Array.isArray(answer) ? answer : answer.results;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return 0;
  }
  if (results.length === 0) process.stdout.write('No memories found.\n');
  for (const memory of results) {
    const score = typeof memory['score'] === 'number' ? memory['score'].toFixed(3) : '  -  ';
    const scope = ['user_id', 'agent_id', 'app_id', 'run_id']
      .filter((field) => typeof memory[field] === 'string')
      .map((field) => `${field}=${String(memory[field])}`)
      .join(' ');
    process.stdout.write(
      `${score}  ${String(memory['id'])}  ${String(memory['memory'])}  [${scope}]\n`,
    );
  }
  return 0;
}
