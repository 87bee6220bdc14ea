import CircuitBreaker from 'opossum';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from 'openai';
import { ProviderError, type ProviderErrorCode } from '../llm/llm-provider';

// opossum signals its own failures through these `code` values on a plain Error.
const breakerCodes: Record<string, [ProviderErrorCode, string]> = {
  EOPENBREAKER: ['provider_unavailable', 'circuit breaker is open, failing fast'],
  ETIMEDOUT: ['provider_timeout', 'circuit breaker timed the call out'],
  ESEMLOCKED: ['provider_unavailable', 'too many calls in flight'],
  ESHUTDOWN: ['provider_unavailable', 'client has been shut down'],
};

/** Maps anything thrown by the `openai` SDK or opossum to a `ProviderError`. */
export function toProviderError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const breaker = breakerCode(err);
  if (breaker) return new ProviderError(breaker[0], `provider ${breaker[1]}`, true, { cause: err });
  if (err instanceof APIError) return fromApiError(err);
  const message = err instanceof Error ? err.message : String(err);
  return new ProviderError('unknown', `provider call failed: ${message}`, false, { cause: err });
}

function fromApiError(err: Error): ProviderError {
  const [code, retryable] = classify(err);
  return new ProviderError(code, `provider ${describe(code)}: ${err.message}`, retryable, {
    cause: err,
  });
}

function classify(err: Error): [ProviderErrorCode, boolean] {
  // Order matters: the timeout and abort errors are subclasses of the connection error.
  if (err instanceof APIConnectionTimeoutError) return ['provider_timeout', true];
  if (err instanceof APIUserAbortError) return ['provider_timeout', true];
  if (err instanceof APIConnectionError) return ['provider_unavailable', true];
  if (err instanceof AuthenticationError || err instanceof PermissionDeniedError) {
    return ['provider_auth_failed', false];
  }
  if (err instanceof RateLimitError) return ['provider_rate_limited', true];
  if (
    err instanceof BadRequestError ||
    err instanceof NotFoundError ||
    err instanceof UnprocessableEntityError
  ) {
    return ['provider_bad_request', false];
  }
  if (err instanceof InternalServerError) return ['provider_unavailable', true];
  if (err instanceof APIError && err.status === 408) return ['provider_timeout', true];
  return ['unknown', false];
}

function describe(code: ProviderErrorCode): string {
  switch (code) {
    case 'provider_auth_failed':
      return 'rejected the credentials';
    case 'provider_rate_limited':
      return 'is rate limiting';
    case 'provider_timeout':
      return 'did not answer in time';
    case 'provider_unavailable':
      return 'is unavailable';
    case 'provider_bad_request':
      return 'rejected the request';
    case 'unknown':
      return 'failed';
  }
}

function breakerCode(err: unknown): [ProviderErrorCode, string] | undefined {
  if (!(err instanceof Error) || !CircuitBreaker.isOurError(err)) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? breakerCodes[code] : undefined;
}
