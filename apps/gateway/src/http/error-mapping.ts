import type { ErrorCode } from '@mnemo/contracts';

/** The one place domain error codes become HTTP statuses. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'rate_limited':
      return 429;
    case 'unavailable':
    case 'timeout':
      return 503;
    case 'provider_auth_failed':
    case 'provider_rate_limited':
    case 'provider_timeout':
    case 'provider_unavailable':
    case 'provider_bad_request':
    case 'datastore_unavailable':
    case 'vector_store_unavailable':
      return 502;
    case 'internal':
      return 500;
  }
}
