import { DomainError } from '@mnemo/contracts';

/** Room kept for the headers every bus message carries (request id, project, time budget). */
export const HEADER_ALLOWANCE_BYTES = 1024;

/** Whether a message of `bytes` fits the server's advertised max payload, headers included. */
export function fitsPayload(bytes: number, maxPayload: number | undefined): boolean {
  return maxPayload === undefined || bytes + HEADER_ALLOWANCE_BYTES <= maxPayload;
}

/** Refuses before publishing: an oversized message is the caller's fault, not the target's. */
export function assertFitsPayload(
  data: Uint8Array,
  maxPayload: number | undefined,
  what: string,
): void {
  if (fitsPayload(data.byteLength, maxPayload)) return;
  throw new DomainError(
    'payload_too_large',
    `${what} is ${data.byteLength} bytes, over the ${maxPayload} byte message limit`,
    false,
  );
}
