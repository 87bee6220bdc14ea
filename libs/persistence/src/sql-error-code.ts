/** The MySQL error code (`ER_DUP_ENTRY`...) of a driver error, whether TypeORM wrapped it or not. */
export function sqlErrorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const error = err as { driverError?: { code?: string }; code?: string };
  return error.driverError?.code ?? error.code;
}
