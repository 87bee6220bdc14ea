import { JsonHttp, type ApiError } from './http-json';
import { entityFields, type ScopeFilter } from './memory-shape';

export const defaultMnemoUrl = 'http://localhost:8000';
export const defaultMem0Host = 'https://api.mem0.ai';

/** The options every command reads: where Mnemo runs and the key to use there. */
export interface TargetOptions {
  url: string;
  apiKey?: string;
}

export interface ScopeOptions {
  userId?: string;
  agentId?: string;
  appId?: string;
  runId?: string;
}

type RetryNotice = (error: ApiError, waitMs: number) => void;

/** Mnemo's Platform routes, `Authorization: Token <key>` (no header without a key: open mode). */
export function mnemoHttp(options: TargetOptions, onRetry?: RetryNotice): JsonHttp {
  return new JsonHttp(
    checkedUrl(options.url, '--url'),
    options.apiKey ? { authorization: `Token ${options.apiKey}` } : {},
    undefined,
    onRetry,
  );
}

/** The Mem0 Platform API, as the `MemoryClient` SDKs call it. */
export function platformHttp(host: string, apiKey: string, onRetry?: RetryNotice): JsonHttp {
  return new JsonHttp(
    checkedUrl(host, '--mem0-host', 'https'),
    { authorization: `Token ${apiKey}` },
    undefined,
    onRetry,
  );
}

/** An open-source Mem0 server: it reads `X-API-Key` when it has auth on. */
export function ossHttp(url: string, apiKey?: string, onRetry?: RetryNotice): JsonHttp {
  return new JsonHttp(
    checkedUrl(url, '--from-oss'),
    apiKey ? { 'x-api-key': apiKey } : {},
    undefined,
    onRetry,
  );
}

export function scopeFilter(options: ScopeOptions): ScopeFilter {
  const filter: ScopeFilter = {};
  if (options.userId) filter.user_id = options.userId;
  if (options.agentId) filter.agent_id = options.agentId;
  if (options.appId) filter.app_id = options.appId;
  if (options.runId) filter.run_id = options.runId;
  return filter;
}

export function hasScope(filter: ScopeFilter): boolean {
  return entityFields.some((field) => filter[field] !== undefined);
}

/** A base URL: `http(s)://host[:port][/prefix]`; a bare host gets `scheme`. */
export function checkedUrl(value: string, option: string, scheme = 'http'): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `${scheme}://${value}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${option}: not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${option}: expected an http or https URL, got ${value}`);
  }
  return url.href.replace(/\/$/, '');
}

/** A mistake in how the command was called: exit code 2, no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
