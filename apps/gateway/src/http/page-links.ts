import type { FastifyRequest } from 'fastify';

/** Absolute `next` / `previous` links for a page, built from the request's own URL. */
export function pageLinks(
  request: FastifyRequest,
  page: number,
  pageSize: number,
  total: number,
): { next: string | null; previous: string | null } {
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  const link = (target: number) => {
    url.searchParams.set('page', String(target));
    url.searchParams.set('page_size', String(pageSize));
    return url.toString();
  };
  return {
    next: page * pageSize < total ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
  };
}
