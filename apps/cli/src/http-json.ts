import { setTimeout as delay } from 'node:timers/promises';

/** An HTTP answer that is not a success, with the API's own message (`detail`) when it gave one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly url: string,
  ) {
    super(status === 0 ? detail : `${status}: ${detail}`);
    this.name = 'ApiError';
  }

  /** Worth trying again later: the server is busy, down or unreachable. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 502;
  }
}

export interface JsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** per attempt; defaults to 60 s */
  timeoutMs?: number;
}

export interface RetryPolicy {
  /** attempts in all, the first included */
  attempts: number;
  /** the first wait when the server gives no Retry-After; doubled each time, at most 10 s */
  firstWaitMs: number;
}

const defaultRetry: RetryPolicy = { attempts: 8, firstWaitMs: 500 };

/**
 * JSON over HTTP to one server: a base URL and the headers every request carries. Busy, down or
 * unreachable servers (429, 502-504, a refused connection) are tried again, honouring Retry-After;
 * anything else fails at once with the server's `detail`.
 */
export class JsonHttp {
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string>,
    private readonly retry: RetryPolicy = defaultRetry,
    private readonly onRetry: (error: ApiError, waitMs: number) => void = () => undefined,
  ) {}

  async request<T>(request: JsonRequest): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once<T>(request);
      } catch (error) {
        if (!(error instanceof RetryableFailure) || attempt >= this.retry.attempts) {
          throw error instanceof RetryableFailure ? error.error : error;
        }
        const backoff = Math.min(this.retry.firstWaitMs * 2 ** (attempt - 1), 10_000);
        const waitMs = Math.min(error.retryAfterMs ?? backoff, 30_000);
        this.onRetry(error.error, waitMs);
        await delay(waitMs);
      }
    }
  }

  url(path: string, query: JsonRequest['query'] = {}): string {
    const url = new URL(
      path.replace(/^\//, ''),
      this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`,
    );
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.href;
  }

  private async once<T>(request: JsonRequest): Promise<T> {
    const url = this.url(request.path, request.query);
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method,
        headers: {
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...this.headers,
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(request.timeoutMs ?? 60_000),
      });
    } catch (error) {
      throw new RetryableFailure(new ApiError(0, unreachable(url, error), url));
    }
    const text = await response.text();
    const body = parseJson(text);
    if (response.ok) return body as T;
    const failure = new ApiError(response.status, detailOf(body, text, response.statusText), url);
    if (failure.transient) {
      throw new RetryableFailure(failure, retryAfterMs(response.headers.get('retry-after')));
    }
    throw failure;
  }
}

class RetryableFailure extends Error {
  constructor(
    readonly error: ApiError,
    readonly retryAfterMs?: number,
  ) {
    super(error.message);
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `{"detail": ...}` (Mnemo, Mem0), FastAPI's list of issues, or the body's text. */
function detailOf(body: unknown, text: string, statusText: string): string {
  if (body && typeof body === 'object' && 'detail' in body) {
    const detail = body.detail;
    if (typeof detail === 'string') return detail;
    return JSON.stringify(detail);
  }
  if (body && typeof body === 'object') return JSON.stringify(body);
  return text.trim().slice(0, 500) || statusText || 'no answer body';
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function unreachable(url: string, error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why =
    (error as Error).name === 'TimeoutError'
      ? 'no answer in time'
      : (cause?.code ?? cause?.message ?? (error as Error).message);
  return `could not reach ${new URL(url).origin} (${why})`;
}
