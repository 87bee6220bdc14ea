// Error codes shared by every service; the gateway maps them to HTTP in one place.
export const errorCodes = [
  'validation_failed',
  'not_found',
  'unauthorized',
  'forbidden',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unavailable',
  'timeout',
  'provider_auth_failed',
  'provider_rate_limited',
  'provider_timeout',
  'provider_unavailable',
  'provider_bad_request',
  'datastore_unavailable',
  'vector_store_unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  details?: unknown;
}

/** A failure with a stable code; services throw these, transports map them. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryable = false,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toBody(): ErrorBody {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      details: this.details,
    };
  }

  static fromBody(body: ErrorBody): DomainError {
    return new DomainError(body.code, body.message, body.retryable, body.details);
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
