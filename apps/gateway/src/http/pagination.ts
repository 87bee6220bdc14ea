import type { FastifyRequest } from 'fastify';
import { DomainError } from '@mnemo/contracts';

export interface PageRequest {
  page: number;
  pageSize: number;
  /** true when the caller named both page and page_size (legacy routes then answer an envelope) */
  explicit: boolean;
}

export interface PageEnvelope<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export interface PageOptions {
  defaultSize: number;
  maxSize: number;
}

type Source = Record<string, unknown> | undefined;

/**
 * Reads `page` and `page_size` from the first source that has each (the query wins over the body,
 * as on the Platform). Sizes above the maximum are clamped, as DRF's paginator does.
 */
export function pageRequest(sources: Source[], options: PageOptions): PageRequest {
  const page = firstOf(sources, 'page');
  const size = firstOf(sources, 'page_size');
  return {
    page: page === undefined ? 1 : positiveInteger(page, 'page'),
    pageSize:
      size === undefined
        ? options.defaultSize
        : Math.min(positiveInteger(size, 'page_size'), options.maxSize),
    explicit: page !== undefined && size !== undefined,
  };
}

export function offsetOf(request: PageRequest): number {
  return (request.page - 1) * request.pageSize;
}

/**
 * The paginated envelope; `next`/`previous` are absolute URLs on the caller's own URL with only
 * page and page_size changed, so other query parameters (org_id, project_id...) survive.
 */
export function pageEnvelope<T>(
  url: URL,
  request: PageRequest,
  total: number,
  results: T[],
): PageEnvelope<T> {
  const lastPage = Math.max(1, Math.ceil(total / request.pageSize));
  const link = (page: number) => {
    const target = new URL(url.href);
    target.searchParams.set('page', String(page));
    target.searchParams.set('page_size', String(request.pageSize));
    return target.href;
  };
  return {
    count: total,
    next: request.page < lastPage ? link(request.page + 1) : null,
    previous: request.page > 1 ? link(Math.min(request.page - 1, lastPage)) : null,
    results,
  };
}

/** One page of a list that is already whole in memory. */
export function slicePage<T>(items: T[], request: PageRequest): T[] {
  const start = offsetOf(request);
  return items.slice(start, start + request.pageSize);
}

function firstOf(sources: Source[], key: string): unknown {
  for (const source of sources) {
    const value = source?.[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function positiveInteger(value: unknown, name: string): number {
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw new DomainError('validation_failed', `${name} must be a positive integer`);
  }
  return number;
}

/** The caller's own URL, absolute, for paging links. */
export function requestUrl(request: FastifyRequest): URL {
  return new URL(request.url, `${request.protocol}://${request.host}`);
}
