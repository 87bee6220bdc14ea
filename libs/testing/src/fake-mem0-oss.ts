import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One memory as an open-source Mem0 server stores it (its payload, flattened). */
export interface FakeOssMemory {
  id: string;
  memory: string;
  user_id?: string;
  agent_id?: string;
  run_id?: string;
  actor_id?: string;
  role?: string;
  metadata?: Record<string, unknown>;
  /** as Mem0 writes them: `datetime.now(pytz.timezone("US/Pacific")).isoformat()` */
  created_at: string;
  updated_at?: string;
}

export interface FakeMem0OssOptions {
  memories: FakeOssMemory[];
  /** when set, every route wants it as `X-API-Key` (the server's auth on) */
  apiKey?: string;
}

export interface FakeMem0Oss {
  url: string;
  /** `METHOD path?query` of every request, in order */
  requests: string[];
  close(): Promise<void>;
}

/** The open-source server's own limits: `top_k` at most 1000, 100 when not given. */
const listLimit = 1000;
const defaultTopK = 100;
const scopeFields = ['user_id', 'agent_id', 'run_id'] as const;

/**
 * A small stand-in for an open-source Mem0 server (`mem0/server`): the read routes an import
 * needs, with its shapes and limits. `GET /entities` (users, agents, runs with counts),
 * `GET /memories?user_id=&agent_id=&run_id=&top_k=` (`{"results": [...]}`, the ids ANDed, at most
 * `top_k` items, 100 by default; no ids lists everything, as its admin listing does) and
 * `GET /memories/{id}`. Anything else is 404 `{"detail": "Not Found"}`, as FastAPI answers.
 */
export async function startFakeMem0Oss(options: FakeMem0OssOptions): Promise<FakeMem0Oss> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    try {
      route(options, request, response);
    } catch (error) {
      send(response, 500, { detail: (error as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function route(options: FakeMem0OssOptions, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (options.apiKey !== undefined && request.headers['x-api-key'] !== options.apiKey) {
    return send(response, 401, { detail: 'Invalid or missing API key.' });
  }
  if (request.method !== 'GET') return send(response, 405, { detail: 'Method Not Allowed' });
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/entities') return send(response, 200, entities(options.memories));
  if (path === '/memories') return listMemories(options.memories, url.searchParams, response);
  const one = /^\/memories\/([^/]+)$/.exec(path);
  if (one) {
    const memory = options.memories.find((candidate) => candidate.id === one[1]);
    return memory
      ? send(response, 200, item(memory))
      : send(response, 404, { detail: 'Memory not found' });
  }
  send(response, 404, { detail: 'Not Found' });
}

function listMemories(memories: FakeOssMemory[], query: URLSearchParams, response: ServerResponse) {
  const topKText = query.get('top_k');
  const topK = topKText === null ? undefined : Number(topKText);
  if (topK !== undefined && (!Number.isInteger(topK) || topK < 0 || topK > listLimit)) {
    return send(response, 422, {
      detail: [
        {
          loc: ['query', 'top_k'],
          msg: `Input should be less than or equal to ${listLimit}`,
          type: 'less_than_equal',
        },
      ],
    });
  }
  const wanted = scopeFields.filter((field) => query.get(field));
  const matching = memories.filter((memory) =>
    wanted.every((field) => memory[field] === query.get(field)),
  );
  const limit = topK ?? (wanted.length === 0 ? listLimit : defaultTopK);
  send(response, 200, { results: matching.slice(0, limit).map(item) });
}

/** `MemoryItem` as the server answers it: promoted keys only when set. */
function item(memory: FakeOssMemory): Record<string, unknown> {
  const answer: Record<string, unknown> = {
    id: memory.id,
    memory: memory.memory,
    hash: createHash('md5').update(memory.memory).digest('hex'),
    metadata: memory.metadata ?? null,
    created_at: memory.created_at,
    updated_at: memory.updated_at ?? null,
  };
  for (const key of ['user_id', 'agent_id', 'run_id', 'actor_id', 'role'] as const) {
    if (memory[key] !== undefined) answer[key] = memory[key];
  }
  return answer;
}

function entities(memories: FakeOssMemory[]) {
  const buckets = new Map<string, { id: string; type: string; total_memories: number }>();
  const types = { user_id: 'user', agent_id: 'agent', run_id: 'run' } as const;
  for (const memory of memories) {
    for (const field of scopeFields) {
      const id = memory[field];
      if (!id) continue;
      const key = `${types[field]}\u0000${id}`;
      const bucket = buckets.get(key) ?? { id, type: types[field], total_memories: 0 };
      bucket.total_memories += 1;
      buckets.set(key, bucket);
    }
  }
  return [...buckets.values()].sort(
    (a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id),
  );
}

function send(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
