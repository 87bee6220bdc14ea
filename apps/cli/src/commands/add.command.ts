import type { Json } from '../memory-shape';
import {
  hasScope,
  mnemoHttp,
  scopeFilter,
  UsageError,
  type ScopeOptions,
  type TargetOptions,
} from '../targets';

export interface AddCommandOptions extends TargetOptions, ScopeOptions {
  infer: boolean;
  wait: boolean;
  role: string;
  metadata?: string;
  json?: boolean;
}

interface AddAnswer {
  status?: string;
  event_id?: string;
  message?: string;
  results?: { id: string; event: string; data?: { memory?: string } }[];
}

/**
 * `mnemo add <text>`: a message for a scope. By default the facts are extracted (as Mem0 does) and
 * the command waits for them; `--no-infer` stores the text as it is; `--no-wait` only queues it.
 */
export async function addCommand(text: string, options: AddCommandOptions): Promise<number> {
  const filter = scopeFilter(options);
  if (!hasScope(filter)) {
    throw new UsageError('add needs --user-id, --agent-id, --app-id or --run-id');
  }
  let metadata: Json | undefined;
  if (options.metadata !== undefined) {
    try {
      metadata = JSON.parse(options.metadata) as Json;
    } catch {
      throw new UsageError('--metadata must be a JSON object, e.g. \'{"source": "cli"}\'');
    }
    if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new UsageError('--metadata must be a JSON object');
    }
  }
  const answer = await mnemoHttp(options).request<AddAnswer>({
    method: 'POST',
    path: '/v3/memories/add/',
    body: {
      messages: [{ role: options.role, content: text }],
      ...filter,
      ...(metadata ? { metadata } : {}),
      infer: options.infer,
      async_mode: !options.wait,
    },
    timeoutMs: 120_000,
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    return 0;
  }
  if (answer.status === 'PENDING') {
    process.stdout.write(
      `Queued as event ${answer.event_id} (GET /v1/event/${answer.event_id}/ tells its status).\n`,
    );
    return 0;
  }
  const results = answer.results ?? [];
  if (results.length === 0) process.stdout.write('Nothing new to remember.\n');
  for (const result of results) {
    process.stdout.write(`${result.event.padEnd(6)} ${result.id}  ${result.data?.memory ?? ''}\n`);
  }
  return 0;
}
