import { ApiError, errorMessage } from './api-errors';

export type Query = Record<string, string | number | undefined>;

/** The public API, called with the key the user signed in with (none in open mode). */
export class ApiClient {
  constructor(
    private readonly key: string,
    /** told when the key stops working (revoked, or a member removed) */
    private readonly onUnauthorized: (message: string) => void = () => undefined,
  ) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.call<T>('GET', path, undefined, query);
  }

  post<T>(path: string, body?: unknown, query?: Query): Promise<T> {
    return this.call<T>('POST', path, body, query);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PUT', path, body);
  }

  delete<T>(path: string, query?: Query): Promise<T> {
    return this.call<T>('DELETE', path, undefined, query);
  }

  private async call<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.key !== '') headers['authorization'] = `Token ${this.key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(withQuery(path, query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'Mnemo could not be reached. Is the gateway running?');
    }
    const text = await response.text();
    const parsed = parseJson(text);
    if (response.ok) return parsed as T;
    const error = new ApiError(response.status, errorMessage(response.status, parsed ?? text));
    if (response.status === 401) this.onUnauthorized(error.message);
    throw error;
  }
}

function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A path segment from a value the user or the API gave. */
export const segment = (value: string) => encodeURIComponent(value);
