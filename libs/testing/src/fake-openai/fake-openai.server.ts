import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { handleControl } from './fake-openai.control';
import { fakeEmbedding } from './fake-embedding';
import {
  chatCompletionBody,
  chatRequestSchema,
  embeddingInputs,
  embeddingsBody,
  embeddingsRequestSchema,
  errorBody,
  messageText,
  type FakeChatRequest,
} from './fake-openai.wire';

export interface FakeOpenAiServerOptions {
  /** Added before every answer. */
  latencyMs?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get OpenAI's 401. */
  apiKey?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
}

/** An exact HTTP answer; without a body, errors get OpenAI's error JSON for the status. */
export interface FakeHttpReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeDelayedReply {
  delayMs: number;
  content: string;
}

export type FakeChatResponder = (request: FakeChatRequest) => string | Promise<string>;
export type FakeChatReply = string | FakeHttpReply | FakeDelayedReply | FakeChatResponder;
/** A scripted embeddings answer: an exact HTTP reply, or the normal vectors after a delay. */
export type FakeEmbeddingsReply = FakeHttpReply | { delayMs: number };

export interface FakeRecordedRequest {
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

export interface PlannedReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

export const DEFAULT_EMBEDDING_DIMS = 1536;

/**
 * An OpenAI-compatible HTTP server for tests: `POST /v1/chat/completions` and
 * `POST /v1/embeddings` in the wire format the `openai` SDK expects, with scripted answers,
 * deterministic defaults and a record of every request.
 */
export class FakeOpenAiServer {
  /** Vector length when a request does not ask for `dimensions`. */
  embeddingsDims = DEFAULT_EMBEDDING_DIMS;
  private recorded: FakeRecordedRequest[] = [];
  private chatScript: FakeChatReply[] = [];
  private embeddingsScript: FakeEmbeddingsReply[] = [];
  private chatResponder: FakeChatResponder | undefined;
  private embedder: ((text: string) => number[]) | undefined;
  private latencyMs: number;
  // Embedding answers wait this long instead, when set apart from the chat's.
  private embeddingLatencyMs: number | undefined;
  private served = 0;
  private readonly stopping = new AbortController();

  private constructor(
    private readonly server: Server,
    private readonly options: FakeOpenAiServerOptions,
  ) {
    this.latencyMs = options.latencyMs ?? 0;
    // Every delayed answer listens on this signal; hundreds may wait at once.
    setMaxListeners(0, this.stopping.signal);
  }

  static async start(options: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
    const server = createServer();
    const fake = new FakeOpenAiServer(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return fake;
  }

  get baseURL(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}/v1`;
  }

  /** The environment that points the services' LLM provider at this server. */
  llmEnv(): Record<string, string> {
    return {
      OPENAI_API_KEY: this.options.apiKey ?? 'sk-fake',
      OPENAI_BASE_URL: this.baseURL,
      MNEMO_LLM_PROVIDER: 'openai',
    };
  }

  get requests(): readonly FakeRecordedRequest[] {
    return this.recorded;
  }

  /** Queues answers for the next chat requests, in order. */
  scriptChat(...replies: FakeChatReply[]): void {
    this.chatScript.push(...replies);
  }

  /** Queues answers for the next embeddings requests, in order. */
  scriptEmbeddings(...replies: FakeEmbeddingsReply[]): void {
    this.embeddingsScript.push(...replies);
  }

  /** Answers chat requests when the script is empty. */
  onChat(handler: FakeChatResponder): void {
    this.chatResponder = handler;
  }

  /** Replaces the hash-based vectors; `undefined` restores them. */
  embedWith(fn: ((text: string) => number[]) | undefined): void {
    this.embedder = fn;
  }

  /** Delays every answer by `ms`, or embedding answers by `embeddingsMs` when given. */
  setLatency(ms: number, embeddingsMs?: number): void {
    this.latencyMs = ms;
    this.embeddingLatencyMs = embeddingsMs;
  }

  /** Forgets scripts, handlers, recorded requests and latency changes. */
  reset(): void {
    this.recorded = [];
    this.chatScript = [];
    this.embeddingsScript = [];
    this.chatResponder = undefined;
    this.embedder = undefined;
    this.latencyMs = this.options.latencyMs ?? 0;
    this.embeddingLatencyMs = undefined;
    this.embeddingsDims = DEFAULT_EMBEDDING_DIMS;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      const body = parseJson(await readBody(req));
      if (path.startsWith('/__fake/'))
        return send(res, handleControl(this, req.method, path, body));
      const headers = flatHeaders(req);
      this.recorded.push({ path, body, headers });
      const reply = await this.plan(req.method, path, body, headers);
      const latency = path.endsWith('/embeddings')
        ? (this.embeddingLatencyMs ?? this.latencyMs)
        : this.latencyMs;
      await delay(latency + (reply.delayMs ?? 0), undefined, {
        signal: this.stopping.signal,
      });
      send(res, reply);
    } catch (err) {
      if (this.stopping.signal.aborted) res.destroy();
      else send(res, { status: 500, body: errorBody(500, `fake server failed: ${String(err)}`) });
    }
  }

  private async plan(
    method: string | undefined,
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<PlannedReply> {
    const route = method === 'POST' ? path.replace(/\/+$/, '') : '';
    if (route !== '/v1/chat/completions' && route !== '/v1/embeddings') {
      return { status: 404, body: errorBody(404, `Unknown request URL: ${method} ${path}.`) };
    }
    const key = this.options.apiKey;
    if (key !== undefined && headers['authorization'] !== `Bearer ${key}`) {
      return { status: 401, body: errorBody(401) };
    }
    return route === '/v1/chat/completions' ? this.planChat(body) : this.planEmbeddings(body);
  }

  private async planChat(body: unknown): Promise<PlannedReply> {
    const parsed = chatRequestSchema.safeParse(body);
    if (!parsed.success) return { status: 400, body: errorBody(400, parsed.error.message) };
    const request = parsed.data;
    if (request.stream) return { status: 400, body: errorBody(400, 'The fake does not stream.') };
    if (request.response_format?.type === 'json_object' && !mentionsJson(request)) {
      return { status: 400, body: errorBody(400, JSON_MODE_NEEDS_JSON_WORD) };
    }
    const reply = this.chatScript.shift() ?? this.chatResponder ?? defaultChatReply;
    if (typeof reply === 'object' && 'status' in reply) return httpReply(reply);
    const delayMs = typeof reply === 'object' ? reply.delayMs : 0;
    const content = typeof reply === 'object' ? reply.content : await this.run(reply, request);
    this.served += 1;
    return {
      status: 200,
      body: chatCompletionBody(`chatcmpl-fake-${this.served}`, request, content),
      headers: { 'x-request-id': `req_fake_${this.served}` },
      delayMs,
    };
  }

  private async run(reply: string | FakeChatResponder, request: FakeChatRequest): Promise<string> {
    return typeof reply === 'string' ? reply : reply(request);
  }

  private planEmbeddings(body: unknown): PlannedReply {
    const parsed = embeddingsRequestSchema.safeParse(body);
    if (!parsed.success) return { status: 400, body: errorBody(400, parsed.error.message) };
    const reply = this.embeddingsScript.shift();
    if (reply && 'status' in reply) return httpReply(reply);
    const request = parsed.data;
    const texts = embeddingInputs(request.input);
    const dims = request.dimensions ?? this.embeddingsDims;
    const vectors = texts.map((text) => this.embedder?.(text) ?? fakeEmbedding(text, dims));
    this.served += 1;
    return {
      status: 200,
      body: embeddingsBody(request, texts, vectors),
      headers: { 'x-request-id': `req_fake_${this.served}` },
      delayMs: reply?.delayMs ?? 0,
    };
  }
}

// OpenAI refuses JSON mode unless a message mentions JSON; the fake does too, to catch such prompts.
const JSON_MODE_NEEDS_JSON_WORD =
  "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.";

function mentionsJson(request: FakeChatRequest): boolean {
  return request.messages.some((message) => /json/i.test(messageText(message.content)));
}

/** JSON mode answers an empty object; otherwise the last user message is echoed. */
function defaultChatReply(request: FakeChatRequest): string {
  if (request.response_format?.type === 'json_object') return '{}';
  const lastUser = request.messages.filter((message) => message.role === 'user').at(-1);
  return messageText(lastUser?.content);
}

function httpReply(reply: FakeHttpReply): PlannedReply {
  const body = reply.body ?? (reply.status >= 400 ? errorBody(reply.status) : {});
  return { status: reply.status, body, headers: reply.headers };
}

function send(res: ServerResponse, reply: PlannedReply): void {
  if (res.destroyed) return;
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? null);
  res.writeHead(reply.status, {
    'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json',
    ...reply.headers,
  });
  res.end(reply.status === 204 ? undefined : text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
