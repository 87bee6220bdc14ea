import { DomainError } from '@mnemo/contracts';

// What mysql2 (and the socket under it) reports while the database is down or restarting.
const LOST_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_QUERY_INTERRUPTED',
]);

/**
 * A handler error that only says a backing server is unreachable becomes `unavailable` (503 with
 * Retry-After at the gateway), so a restarting database reads as "try again", not as a bug.
 */
export function unavailableIfConnectionLost(err: unknown): DomainError | undefined {
  const codes = [err, (err as { driverError?: unknown } | null)?.driverError].map(
    (candidate) => (candidate as { code?: unknown } | null | undefined)?.code,
  );
  if (!codes.some((code) => typeof code === 'string' && LOST_CONNECTION_CODES.has(code))) {
    return undefined;
  }
  return new DomainError(
    'unavailable',
    'The database is unreachable right now; retry shortly.',
    true,
  );
}
