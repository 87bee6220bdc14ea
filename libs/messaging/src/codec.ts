import { NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';
import { DomainError } from '@mnemo/contracts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

export function decodeJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(data));
  } catch {
    throw new DomainError('validation_failed', 'message is not valid JSON');
  }
}

/** No responders answers at once as unavailable; a timeout is a timeout; both are retryable. */
export function toTransportError(err: unknown, subject: string, timeoutMs: number): DomainError {
  const noResponders =
    err instanceof NoRespondersError ||
    (err instanceof RequestError && err.isNoResponders()) ||
    (err instanceof Error && err.cause instanceof NoRespondersError);
  if (noResponders) {
    return new DomainError('unavailable', `no service is answering ${subject}`, true);
  }
  const timedOut =
    err instanceof TimeoutError || (err instanceof Error && err.cause instanceof TimeoutError);
  if (timedOut) {
    return new DomainError('timeout', `${subject} did not answer within ${timeoutMs} ms`, true);
  }
  const message = err instanceof Error ? err.message : String(err);
  // Checked before publishing too; this catches a server that lowered its limit since connect.
  if (/max_payload/i.test(message)) {
    return new DomainError('payload_too_large', `the request to ${subject} is too large`, false);
  }
  return new DomainError('unavailable', `request to ${subject} failed: ${message}`, true);
}
