import type { IncomingHttpHeaders } from 'node:http';

/**
 * The API key a caller presents: `Authorization: Token <key>` (the Mem0 clients), `Bearer <key>`,
 * or `X-API-Key: <key>` (the open-source server). Another scheme is passed on whole, so it fails
 * as a wrong key instead of passing as no key.
 */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headers.authorization?.trim();
  if (authorization) {
    const match = /^(token|bearer)\s+(.+)$/i.exec(authorization);
    return match ? match[2].trim() : authorization;
  }
  return headerKey(headers);
}

/** Only `X-API-Key`, as the open-source routes read it. */
export function headerKey(headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-api-key'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  return value ? value : undefined;
}
