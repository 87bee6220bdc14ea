import { DomainError } from '@mnemo/contracts';
import { sqlErrorCode } from '@mnemo/persistence';

/** A table of the space is gone (the project's account may drop its tables). */
export function isMissingTable(err: unknown): boolean {
  return sqlErrorCode(err) === 'ER_NO_SUCH_TABLE';
}

/**
 * The failure of a statement without its parameters: some carry passwords, and failures are
 * logged. Known causes become domain errors.
 */
export function provisioningError(err: unknown, sql: string): Error {
  const code = sqlErrorCode(err);
  if (code === 'ER_NO_SUCH_TABLE')
    return new DomainError(
      'unavailable',
      'The memory tables are not ready yet; retry shortly.',
      true,
    );
  if (code === 'ER_WRONG_OBJECT') {
    return new DomainError(
      'conflict',
      'A table of the SQL space has the name of a Mnemo view (memories, memory_history, user_profiles or session_messages); rename or drop it.',
    );
  }
  if (code === 'ER_TABLE_EXISTS_ERROR') {
    return new DomainError(
      'conflict',
      'The SQL space has a table user_profiles or session_messages and one named <table>_legacy; rename or drop one of them.',
    );
  }
  const message = (err as { driverError?: { sqlMessage?: string } }).driverError?.sqlMessage;
  return new Error(`SQL space statement failed (${code ?? 'unknown'}: ${message ?? ''}): ${sql}`);
}
