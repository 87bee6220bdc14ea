import { DomainError } from '@mnemo/contracts';
import { isProviderError } from '@mnemo/providers';

/** Provider failures keep their Mem0 code (502 at the edge) and their retryability. */
export function toDomainError(err: unknown): Error {
  if (!isProviderError(err)) return err instanceof Error ? err : new Error(String(err));
  const code = err.code === 'unknown' ? 'internal' : err.code;
  return new DomainError(code, err.message, err.retryable);
}
